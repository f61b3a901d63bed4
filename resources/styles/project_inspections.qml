<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis styleCategories="AllStyleCategories" simplifyMaxScale="1" simplifyDrawingHints="1" hasScaleBasedVisibilityFlag="0" simplifyDrawingTol="1" symbologyReferenceScale="-1" maxScale="0" labelsEnabled="0" readOnly="0" version="3.22.16-Białowieża" minScale="100000000" simplifyAlgorithm="0" simplifyLocal="1">
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
  <renderer-v2 referencescale="-1" enableorderby="0" forceraster="0" symbollevels="0" type="singleSymbol">
    <symbols>
      <symbol name="0" clip_to_extent="1" force_rhr="0" alpha="1" type="marker">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option name="angle" value="0" type="QString"/>
            <Option name="cap_style" value="square" type="QString"/>
            <Option name="color" value="106,27,154,255" type="QString"/>
            <Option name="horizontal_anchor_point" value="1" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="name" value="diamond" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="255,255,255,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0" type="QString"/>
            <Option name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="scale_method" value="diameter" type="QString"/>
            <Option name="size" value="3" type="QString"/>
            <Option name="size_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="size_unit" value="MM" type="QString"/>
            <Option name="vertical_anchor_point" value="1" type="QString"/>
          </Option>
          <prop v="0" k="angle"/>
          <prop v="square" k="cap_style"/>
          <prop v="106,27,154,255" k="color"/>
          <prop v="1" k="horizontal_anchor_point"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="diamond" k="name"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="255,255,255,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0" k="outline_width"/>
          <prop v="3x:0,0,0,0,0,0" k="outline_width_map_unit_scale"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="diameter" k="scale_method"/>
          <prop v="3" k="size"/>
          <prop v="3x:0,0,0,0,0,0" k="size_map_unit_scale"/>
          <prop v="MM" k="size_unit"/>
          <prop v="1" k="vertical_anchor_point"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
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
      <editWidget type="">
        <config>
          <Option/>
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
      <editWidget type="">
        <config>
          <Option/>
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
    <default expression="" field="inspected_on" applyOnUpdate="0"/>
    <default expression="" field="notes" applyOnUpdate="0"/>
    <default expression="" field="created_at" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" field="uuid" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="project_uuid" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="project_id" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="target_uuid" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="completed_quantity" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="unit" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="issues_found" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="rating" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="position_lon" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="position_lat" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="position_accuracy_m" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="position_note" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="inspector" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="inspecting_unit" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="inspected_on" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="notes" constraints="0" exp_strength="0" notnull_strength="0"/>
    <constraint unique_strength="0" field="created_at" constraints="0" exp_strength="0" notnull_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint exp="" field="uuid" desc=""/>
    <constraint exp="" field="project_uuid" desc=""/>
    <constraint exp="" field="project_id" desc=""/>
    <constraint exp="" field="target_uuid" desc=""/>
    <constraint exp="" field="completed_quantity" desc=""/>
    <constraint exp="" field="unit" desc=""/>
    <constraint exp="" field="issues_found" desc=""/>
    <constraint exp="" field="rating" desc=""/>
    <constraint exp="" field="position_lon" desc=""/>
    <constraint exp="" field="position_lat" desc=""/>
    <constraint exp="" field="position_accuracy_m" desc=""/>
    <constraint exp="" field="position_note" desc=""/>
    <constraint exp="" field="inspector" desc=""/>
    <constraint exp="" field="inspecting_unit" desc=""/>
    <constraint exp="" field="inspected_on" desc=""/>
    <constraint exp="" field="notes" desc=""/>
    <constraint exp="" field="created_at" desc=""/>
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
  <layerGeometryType>0</layerGeometryType>
</qgis>
