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
    <field name="indicator_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="category" configurationFlags="None">
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
    <field name="comparison" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="value_2020" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="value_2025" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="value_2035" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="value_other" configurationFlags="None">
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
    <field name="plan_quote" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="唯一标识" field="uuid" index="0"/>
    <alias name="指标编号" field="indicator_id" index="1"/>
    <alias name="类别" field="category" index="2"/>
    <alias name="名称" field="name_zh" index="3"/>
    <alias name="英文名称" field="name_en" index="4"/>
    <alias name="单位" field="unit" index="5"/>
    <alias name="单位（英文）" field="unit_en" index="6"/>
    <alias name="约束" field="comparison" index="7"/>
    <alias name="2020年" field="value_2020" index="8"/>
    <alias name="2025年" field="value_2025" index="9"/>
    <alias name="2035年" field="value_2035" index="10"/>
    <alias name="数值（未注年份）" field="value_other" index="11"/>
    <alias name="规划出处" field="section" index="12"/>
    <alias name="规划原文" field="plan_quote" index="13"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="indicator_id" applyOnUpdate="0"/>
    <default expression="" field="category" applyOnUpdate="0"/>
    <default expression="" field="name_zh" applyOnUpdate="0"/>
    <default expression="" field="name_en" applyOnUpdate="0"/>
    <default expression="" field="unit" applyOnUpdate="0"/>
    <default expression="" field="unit_en" applyOnUpdate="0"/>
    <default expression="" field="comparison" applyOnUpdate="0"/>
    <default expression="" field="value_2020" applyOnUpdate="0"/>
    <default expression="" field="value_2025" applyOnUpdate="0"/>
    <default expression="" field="value_2035" applyOnUpdate="0"/>
    <default expression="" field="value_other" applyOnUpdate="0"/>
    <default expression="" field="section" applyOnUpdate="0"/>
    <default expression="" field="plan_quote" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="indicator_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="category" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="name_zh" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="name_en" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="unit" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="unit_en" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="comparison" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="value_2020" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="value_2025" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="value_2035" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="value_other" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="section" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="plan_quote" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="indicator_id" exp=""/>
    <constraint desc="" field="category" exp=""/>
    <constraint desc="" field="name_zh" exp=""/>
    <constraint desc="" field="name_en" exp=""/>
    <constraint desc="" field="unit" exp=""/>
    <constraint desc="" field="unit_en" exp=""/>
    <constraint desc="" field="comparison" exp=""/>
    <constraint desc="" field="value_2020" exp=""/>
    <constraint desc="" field="value_2025" exp=""/>
    <constraint desc="" field="value_2035" exp=""/>
    <constraint desc="" field="value_other" exp=""/>
    <constraint desc="" field="section" exp=""/>
    <constraint desc="" field="plan_quote" exp=""/>
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
