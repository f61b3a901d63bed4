<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="1e+08" version="3.22.16-Białowieża" styleCategories="AllStyleCategories" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal limitMode="0" startField="" durationField="" enabled="0" endExpression="" startExpression="" durationUnit="min" fixedDuration="0" accumulate="0" mode="0" endField="">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <customproperties>
    <Option/>
  </customproperties>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option type="QString" value=""/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend type="default-vector" showLabelLegend="0"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field name="uuid" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="record_uuid" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="record_table" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="sha256" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="file_name" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="mime_type" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="taken_at" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="lon" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="lat" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="heading" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="caption" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="唯一标识" field="uuid" index="0"/>
    <alias name="所属记录" field="record_uuid" index="1"/>
    <alias name="记录表" field="record_table" index="2"/>
    <alias name="内容摘要" field="sha256" index="3"/>
    <alias name="文件名" field="file_name" index="4"/>
    <alias name="类型" field="mime_type" index="5"/>
    <alias name="拍摄时间" field="taken_at" index="6"/>
    <alias name="拍摄经度" field="lon" index="7"/>
    <alias name="拍摄纬度" field="lat" index="8"/>
    <alias name="拍摄方位角" field="heading" index="9"/>
    <alias name="说明" field="caption" index="10"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="record_uuid" applyOnUpdate="0"/>
    <default expression="" field="record_table" applyOnUpdate="0"/>
    <default expression="" field="sha256" applyOnUpdate="0"/>
    <default expression="" field="file_name" applyOnUpdate="0"/>
    <default expression="" field="mime_type" applyOnUpdate="0"/>
    <default expression="" field="taken_at" applyOnUpdate="0"/>
    <default expression="" field="lon" applyOnUpdate="0"/>
    <default expression="" field="lat" applyOnUpdate="0"/>
    <default expression="" field="heading" applyOnUpdate="0"/>
    <default expression="" field="caption" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="record_uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="record_table" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="sha256" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="file_name" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="mime_type" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="taken_at" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="lon" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="lat" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="heading" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="caption" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="record_uuid" exp=""/>
    <constraint desc="" field="record_table" exp=""/>
    <constraint desc="" field="sha256" exp=""/>
    <constraint desc="" field="file_name" exp=""/>
    <constraint desc="" field="mime_type" exp=""/>
    <constraint desc="" field="taken_at" exp=""/>
    <constraint desc="" field="lon" exp=""/>
    <constraint desc="" field="lat" exp=""/>
    <constraint desc="" field="heading" exp=""/>
    <constraint desc="" field="caption" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>generatedlayout</editorlayout>
  <editable>
    <field editable="0" name="uuid"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
