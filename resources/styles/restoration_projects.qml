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
    <field name="project_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="program_uuid" configurationFlags="None">
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
    <field name="seq" configurationFlags="None">
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
    <field name="township" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="&lt;NULL>" value="{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="托克逊镇" value="托克逊镇"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="伊拉湖镇" value="伊拉湖镇"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="博斯坦镇" value="博斯坦镇"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="郭勒布依乡" value="郭勒布依乡"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="夏镇" value="夏镇"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="克尔碱镇" value="克尔碱镇"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="库米什镇" value="库米什镇"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="mineral" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="&lt;NULL>" value="{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="建筑用砂" value="建筑用砂"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="水泥用石灰岩" value="水泥用石灰岩"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="砖瓦用粘土" value="砖瓦用粘土"/>
              </Option>
            </Option>
          </Option>
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
    <field name="period_start" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="period_end" configurationFlags="None">
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
    <alias name="项目编号" field="project_id" index="1"/>
    <alias name="所属工程" field="program_uuid" index="2"/>
    <alias name="工程编号" field="program_id" index="3"/>
    <alias name="序号" field="seq" index="4"/>
    <alias name="名称" field="name_zh" index="5"/>
    <alias name="英文名称" field="name_en" index="6"/>
    <alias name="修复分区" field="zone_id" index="7"/>
    <alias name="行政区" field="township" index="8"/>
    <alias name="矿种" field="mineral" index="9"/>
    <alias name="项目建设内容" field="content" index="10"/>
    <alias name="项目时序安排" field="period" index="11"/>
    <alias name="开始年份" field="period_start" index="12"/>
    <alias name="结束年份" field="period_end" index="13"/>
    <alias name="专栏" field="column_ref" index="14"/>
    <alias name="规划出处" field="section" index="15"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="project_id" applyOnUpdate="0"/>
    <default expression="" field="program_uuid" applyOnUpdate="0"/>
    <default expression="" field="program_id" applyOnUpdate="0"/>
    <default expression="" field="seq" applyOnUpdate="0"/>
    <default expression="" field="name_zh" applyOnUpdate="0"/>
    <default expression="" field="name_en" applyOnUpdate="0"/>
    <default expression="" field="zone_id" applyOnUpdate="0"/>
    <default expression="" field="township" applyOnUpdate="0"/>
    <default expression="" field="mineral" applyOnUpdate="0"/>
    <default expression="" field="content" applyOnUpdate="0"/>
    <default expression="" field="period" applyOnUpdate="0"/>
    <default expression="" field="period_start" applyOnUpdate="0"/>
    <default expression="" field="period_end" applyOnUpdate="0"/>
    <default expression="" field="column_ref" applyOnUpdate="0"/>
    <default expression="" field="section" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="project_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="program_uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="program_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="seq" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="name_zh" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="name_en" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="zone_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="1" field="township" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="1" field="mineral" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="0" field="content" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="period" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="period_start" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="period_end" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="column_ref" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="section" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="project_id" exp=""/>
    <constraint desc="" field="program_uuid" exp=""/>
    <constraint desc="" field="program_id" exp=""/>
    <constraint desc="" field="seq" exp=""/>
    <constraint desc="" field="name_zh" exp=""/>
    <constraint desc="" field="name_en" exp=""/>
    <constraint desc="" field="zone_id" exp=""/>
    <constraint desc="行政区须从列表中选取" field="township" exp="&quot;township&quot; IS NULL OR &quot;township&quot; IN ('托克逊镇', '伊拉湖镇', '博斯坦镇', '郭勒布依乡', '夏镇', '克尔碱镇', '库米什镇')"/>
    <constraint desc="矿种须从列表中选取" field="mineral" exp="&quot;mineral&quot; IS NULL OR &quot;mineral&quot; IN ('建筑用砂', '水泥用石灰岩', '砖瓦用粘土')"/>
    <constraint desc="" field="content" exp=""/>
    <constraint desc="" field="period" exp=""/>
    <constraint desc="" field="period_start" exp=""/>
    <constraint desc="" field="period_end" exp=""/>
    <constraint desc="" field="column_ref" exp=""/>
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
    <field editable="0" name="program_uuid"/>
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
