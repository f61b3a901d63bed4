<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis styleCategories="AllStyleCategories" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="0" version="3.22.16-Białowieża" minScale="1e+08">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal limitMode="0" durationUnit="min" enabled="0" endField="" endExpression="" accumulate="0" mode="0" startField="" startExpression="" fixedDuration="0" durationField="">
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
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
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
    <constraint unique_strength="0" field="uuid" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="record_uuid" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="record_table" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="sha256" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="file_name" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="mime_type" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="taken_at" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="lon" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="lat" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="heading" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="caption" constraints="0" exp_strength="0" notnull_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint exp="" field="uuid" desc=""/>
    <constraint exp="" field="record_uuid" desc=""/>
    <constraint exp="" field="record_table" desc=""/>
    <constraint exp="" field="sha256" desc=""/>
    <constraint exp="" field="file_name" desc=""/>
    <constraint exp="" field="mime_type" desc=""/>
    <constraint exp="" field="taken_at" desc=""/>
    <constraint exp="" field="lon" desc=""/>
    <constraint exp="" field="lat" desc=""/>
    <constraint exp="" field="heading" desc=""/>
    <constraint exp="" field="caption" desc=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" actionWidgetStyle="dropDown" sortExpression="">
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
  <editable/>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
