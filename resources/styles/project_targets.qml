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
    <field name="project_uuid" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="project_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="target_zh" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="target_en" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="quantity" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="unit" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="unit_en" configurationFlags="None">
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
    <field name="plan_quote" configurationFlags="None">
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
    <alias name="所属项目" field="project_uuid" index="1"/>
    <alias name="项目编号" field="project_id" index="2"/>
    <alias name="目标内容" field="target_zh" index="3"/>
    <alias name="目标内容（英文）" field="target_en" index="4"/>
    <alias name="目标数量" field="quantity" index="5"/>
    <alias name="单位" field="unit" index="6"/>
    <alias name="单位（英文）" field="unit_en" index="7"/>
    <alias name="时序安排" field="period" index="8"/>
    <alias name="规划原文" field="plan_quote" index="9"/>
    <alias name="规划出处" field="section" index="10"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="project_uuid" applyOnUpdate="0"/>
    <default expression="" field="project_id" applyOnUpdate="0"/>
    <default expression="" field="target_zh" applyOnUpdate="0"/>
    <default expression="" field="target_en" applyOnUpdate="0"/>
    <default expression="" field="quantity" applyOnUpdate="0"/>
    <default expression="" field="unit" applyOnUpdate="0"/>
    <default expression="" field="unit_en" applyOnUpdate="0"/>
    <default expression="" field="period" applyOnUpdate="0"/>
    <default expression="" field="plan_quote" applyOnUpdate="0"/>
    <default expression="" field="section" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="project_uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="project_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="target_zh" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="target_en" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="quantity" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="unit" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="unit_en" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="period" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="plan_quote" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="section" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="project_uuid" exp=""/>
    <constraint desc="" field="project_id" exp=""/>
    <constraint desc="" field="target_zh" exp=""/>
    <constraint desc="" field="target_en" exp=""/>
    <constraint desc="" field="quantity" exp=""/>
    <constraint desc="" field="unit" exp=""/>
    <constraint desc="" field="unit_en" exp=""/>
    <constraint desc="" field="period" exp=""/>
    <constraint desc="" field="plan_quote" exp=""/>
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
    <field editable="0" name="project_uuid"/>
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
