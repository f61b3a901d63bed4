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
    <field name="list_name" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="code" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="label_zh" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="label_en" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="parent_code" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="sort_order" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="source" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="唯一标识" field="uuid" index="0"/>
    <alias name="代码表" field="list_name" index="1"/>
    <alias name="代码" field="code" index="2"/>
    <alias name="名称" field="label_zh" index="3"/>
    <alias name="英文名称" field="label_en" index="4"/>
    <alias name="上级代码" field="parent_code" index="5"/>
    <alias name="排序" field="sort_order" index="6"/>
    <alias name="来源" field="source" index="7"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="list_name" applyOnUpdate="0"/>
    <default expression="" field="code" applyOnUpdate="0"/>
    <default expression="" field="label_zh" applyOnUpdate="0"/>
    <default expression="" field="label_en" applyOnUpdate="0"/>
    <default expression="" field="parent_code" applyOnUpdate="0"/>
    <default expression="" field="sort_order" applyOnUpdate="0"/>
    <default expression="" field="source" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="list_name" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="code" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="label_zh" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="label_en" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="parent_code" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="sort_order" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="source" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="list_name" exp=""/>
    <constraint desc="" field="code" exp=""/>
    <constraint desc="" field="label_zh" exp=""/>
    <constraint desc="" field="label_en" exp=""/>
    <constraint desc="" field="parent_code" exp=""/>
    <constraint desc="" field="sort_order" exp=""/>
    <constraint desc="" field="source" exp=""/>
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
