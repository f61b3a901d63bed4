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
    <field name="program_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="name_zh" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="name_en" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="zone_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="column_ref" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="implementation_area" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="content" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="period" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="section" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="唯一标识" field="uuid" index="0"/>
    <alias name="工程编号" field="program_id" index="1"/>
    <alias name="名称" field="name_zh" index="2"/>
    <alias name="英文名称" field="name_en" index="3"/>
    <alias name="修复分区" field="zone_id" index="4"/>
    <alias name="专栏" field="column_ref" index="5"/>
    <alias name="实施区域" field="implementation_area" index="6"/>
    <alias name="建设内容" field="content" index="7"/>
    <alias name="时序安排" field="period" index="8"/>
    <alias name="规划出处" field="section" index="9"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="program_id" applyOnUpdate="0"/>
    <default expression="" field="name_zh" applyOnUpdate="0"/>
    <default expression="" field="name_en" applyOnUpdate="0"/>
    <default expression="" field="zone_id" applyOnUpdate="0"/>
    <default expression="" field="column_ref" applyOnUpdate="0"/>
    <default expression="" field="implementation_area" applyOnUpdate="0"/>
    <default expression="" field="content" applyOnUpdate="0"/>
    <default expression="" field="period" applyOnUpdate="0"/>
    <default expression="" field="section" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="program_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="name_zh" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="name_en" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="zone_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="column_ref" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="implementation_area" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="content" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="period" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="section" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="program_id" exp=""/>
    <constraint desc="" field="name_zh" exp=""/>
    <constraint desc="" field="name_en" exp=""/>
    <constraint desc="" field="zone_id" exp=""/>
    <constraint desc="" field="column_ref" exp=""/>
    <constraint desc="" field="implementation_area" exp=""/>
    <constraint desc="" field="content" exp=""/>
    <constraint desc="" field="period" exp=""/>
    <constraint desc="" field="section" exp=""/>
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
