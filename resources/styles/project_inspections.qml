<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis simplifyDrawingTol="1" labelsEnabled="0" simplifyLocal="1" simplifyDrawingHints="1" simplifyAlgorithm="0" simplifyMaxScale="1" symbologyReferenceScale="-1" minScale="100000000" version="3.22.16-Białowieża" styleCategories="AllStyleCategories" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="0">
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
  <renderer-v2 type="singleSymbol" referencescale="-1" enableorderby="0" forceraster="0" symbollevels="0">
    <symbols>
      <symbol type="marker" force_rhr="0" clip_to_extent="1" alpha="1" name="0">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option name="properties"/>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="angle" value="0"/>
            <Option type="QString" name="cap_style" value="square"/>
            <Option type="QString" name="color" value="106,27,154,255"/>
            <Option type="QString" name="horizontal_anchor_point" value="1"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="name" value="diamond"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="255,255,255,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0"/>
            <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
            <Option type="QString" name="size" value="3"/>
            <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="vertical_anchor_point" value="1"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="cap_style" v="square"/>
          <prop k="color" v="106,27,154,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="diamond"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0"/>
          <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3"/>
          <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="size_unit" v="MM"/>
          <prop k="vertical_anchor_point" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option name="properties"/>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <customproperties>
    <Option/>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
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
    <field name="target_uuid" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="completed_quantity" configurationFlags="None">
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
    <field name="issues_found" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="rating" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="1  优" value="1"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="2  良" value="2"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="3  中" value="3"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="4  差" value="4"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="position_lon" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="position_lat" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="position_accuracy_m" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="position_note" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="inspector" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="inspecting_unit" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="inspected_on" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="false"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="notes" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="created_at" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="唯一标识" field="uuid" index="0"/>
    <alias name="项目" field="project_uuid" index="1"/>
    <alias name="项目编号" field="project_id" index="2"/>
    <alias name="项目目标" field="target_uuid" index="3"/>
    <alias name="完成数量" field="completed_quantity" index="4"/>
    <alias name="单位" field="unit" index="5"/>
    <alias name="发现问题" field="issues_found" index="6"/>
    <alias name="评价" field="rating" index="7"/>
    <alias name="定位经度" field="position_lon" index="8"/>
    <alias name="定位纬度" field="position_lat" index="9"/>
    <alias name="定位精度（米）" field="position_accuracy_m" index="10"/>
    <alias name="定位说明" field="position_note" index="11"/>
    <alias name="检查人" field="inspector" index="12"/>
    <alias name="检查单位" field="inspecting_unit" index="13"/>
    <alias name="检查日期" field="inspected_on" index="14"/>
    <alias name="备注" field="notes" index="15"/>
    <alias name="记录时间" field="created_at" index="16"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="project_uuid" applyOnUpdate="0"/>
    <default expression="" field="project_id" applyOnUpdate="0"/>
    <default expression="" field="target_uuid" applyOnUpdate="0"/>
    <default expression="" field="completed_quantity" applyOnUpdate="0"/>
    <default expression="" field="unit" applyOnUpdate="0"/>
    <default expression="" field="issues_found" applyOnUpdate="0"/>
    <default expression="" field="rating" applyOnUpdate="0"/>
    <default expression="" field="position_lon" applyOnUpdate="0"/>
    <default expression="" field="position_lat" applyOnUpdate="0"/>
    <default expression="" field="position_accuracy_m" applyOnUpdate="0"/>
    <default expression="" field="position_note" applyOnUpdate="0"/>
    <default expression="" field="inspector" applyOnUpdate="0"/>
    <default expression="" field="inspecting_unit" applyOnUpdate="0"/>
    <default expression="to_date(now())" field="inspected_on" applyOnUpdate="0"/>
    <default expression="" field="notes" applyOnUpdate="0"/>
    <default expression="" field="created_at" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="project_uuid" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="project_id" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="target_uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="1" field="completed_quantity" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="0" field="unit" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="issues_found" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="rating" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="position_lon" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="position_lat" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="position_accuracy_m" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="position_note" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="inspector" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="inspecting_unit" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="1" field="inspected_on" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="notes" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="created_at" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="project_uuid" exp=""/>
    <constraint desc="" field="project_id" exp=""/>
    <constraint desc="" field="target_uuid" exp=""/>
    <constraint desc="完成数量不能小于 0; 请填写完成数量" field="completed_quantity" exp="(&quot;completed_quantity&quot; IS NULL OR (&quot;completed_quantity&quot; >= 0)) AND (length(trim(coalesce(&quot;target_uuid&quot;, ''))) = 0 OR &quot;completed_quantity&quot; IS NOT NULL)"/>
    <constraint desc="" field="unit" exp=""/>
    <constraint desc="" field="issues_found" exp=""/>
    <constraint desc="" field="rating" exp=""/>
    <constraint desc="" field="position_lon" exp=""/>
    <constraint desc="" field="position_lat" exp=""/>
    <constraint desc="" field="position_accuracy_m" exp=""/>
    <constraint desc="" field="position_note" exp=""/>
    <constraint desc="" field="inspector" exp=""/>
    <constraint desc="" field="inspecting_unit" exp=""/>
    <constraint desc="检查日期须在规划期（2021-01-01 至 2035-12-31）内; 检查日期不能晚于今天" field="inspected_on" exp="(&quot;inspected_on&quot; IS NULL OR (&quot;inspected_on&quot; >= to_date('2021-01-01') AND &quot;inspected_on&quot; &lt;= to_date('2035-12-31'))) AND (&quot;inspected_on&quot; IS NULL OR &quot;inspected_on&quot; &lt;= to_date(now()))"/>
    <constraint desc="" field="notes" exp=""/>
    <constraint desc="" field="created_at" exp=""/>
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
    <field editable="0" name="project_id"/>
    <field editable="0" name="project_uuid"/>
    <field editable="0" name="uuid"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>0</layerGeometryType>
</qgis>
