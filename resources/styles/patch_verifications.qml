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
  <renderer-v2 type="categorizedSymbol" referencescale="-1" enableorderby="0" attr="remediation_status" forceraster="0" symbollevels="0">
    <categories>
      <category symbol="0" value="A" render="true" label="未治理"/>
      <category symbol="1" value="B" render="true" label="已恢复治理"/>
      <category symbol="2" value="C" render="true" label="治理中"/>
      <category symbol="3" value="D" render="true" label="自然恢复"/>
    </categories>
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
            <Option type="QString" name="color" value="211,47,47,255"/>
            <Option type="QString" name="horizontal_anchor_point" value="1"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="name" value="triangle"/>
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
          <prop k="color" v="211,47,47,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="triangle"/>
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
      <symbol type="marker" force_rhr="0" clip_to_extent="1" alpha="1" name="1">
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
            <Option type="QString" name="color" value="56,142,60,255"/>
            <Option type="QString" name="horizontal_anchor_point" value="1"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="name" value="triangle"/>
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
          <prop k="color" v="56,142,60,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="triangle"/>
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
      <symbol type="marker" force_rhr="0" clip_to_extent="1" alpha="1" name="2">
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
            <Option type="QString" name="color" value="251,192,45,255"/>
            <Option type="QString" name="horizontal_anchor_point" value="1"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="name" value="triangle"/>
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
          <prop k="color" v="251,192,45,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="triangle"/>
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
      <symbol type="marker" force_rhr="0" clip_to_extent="1" alpha="1" name="3">
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
            <Option type="QString" name="color" value="0,137,123,255"/>
            <Option type="QString" name="horizontal_anchor_point" value="1"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="name" value="triangle"/>
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
          <prop k="color" v="0,137,123,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="triangle"/>
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
    <field name="patch_uuid" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="patch_code" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="patch_class" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="10  历史遗留矿山" value="10"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="20  有责任主体的废弃矿山" value="20"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="30  其他情形" value="30"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="40  功能未损毁采矿沉陷区" value="40"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="patch_subclass" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="11  无主废弃矿山" value="11"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="12  政府承担责任的政策性关闭矿山" value="12"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="21  有责任主体的废弃矿山（第一小类）" value="21"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="22  有责任主体的废弃矿山（第二小类）" value="22"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="31  生产矿山" value="31"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="32  采矿许可证过期" value="32"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="33  自然损毁" value="33"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="34  工程建设损毁" value="34"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="35  河道采砂" value="35"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="36  尾矿库" value="36"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="37  伪变化" value="37"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="41  功能未损毁采矿沉陷区（第一小类）" value="41"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="42  功能未损毁采矿沉陷区（第二小类）" value="42"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="43  功能未损毁采矿沉陷区（第三小类）" value="43"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="damage_type" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="挖损" value="挖损"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="压占" value="压占"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="塌陷" value="塌陷"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="patch_feature" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="1  采场" value="1"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="2  中转场地" value="2"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="3  固体废弃物" value="3"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="4  矿山建筑" value="4"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="5  塌陷坑" value="5"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="6  井口" value="6"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="7  其他" value="7"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="remediation_status" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="A  未治理" value="A"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="B  已恢复治理" value="B"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="C  治理中" value="C"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="D  自然恢复" value="D"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="restoration_method" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="&lt;NULL>" value="{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="1  自然恢复" value="1"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="2  辅助再生" value="2"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="3  生态重建" value="3"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="4  转型利用" value="4"/>
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
    <field name="mining_method" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="&lt;NULL>" value="{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="A  露天开采" value="A"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="B  地下开采" value="B"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="C  联合开采" value="C"/>
              </Option>
            </Option>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="year_closed" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="measured_area_m2" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="treated_area_m2" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="land_use" configurationFlags="None">
      <editWidget type="ValueMap">
        <config>
          <Option type="Map">
            <Option type="List" name="map">
              <Option type="Map">
                <Option type="QString" name="&lt;NULL>" value="{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="00  湿地" value="00"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="01  耕地" value="01"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="02  种植园用地" value="02"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="03  林地" value="03"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="04  草地" value="04"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="05  商业服务业用地" value="05"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="06  工矿用地" value="06"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="07  住宅用地" value="07"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="08  公共管理与公共服务用地" value="08"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="09  特殊用地" value="09"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="10  交通运输用地" value="10"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="11  水域及水利设施用地" value="11"/>
              </Option>
              <Option type="Map">
                <Option type="QString" name="12  其他土地" value="12"/>
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
    <field name="verifier" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="verifying_unit" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="verified_on" configurationFlags="None">
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
    <alias name="图斑" field="patch_uuid" index="1"/>
    <alias name="图斑编号" field="patch_code" index="2"/>
    <alias name="图斑大类" field="patch_class" index="3"/>
    <alias name="图斑小类" field="patch_subclass" index="4"/>
    <alias name="损毁类型" field="damage_type" index="5"/>
    <alias name="图斑属性" field="patch_feature" index="6"/>
    <alias name="恢复治理情况" field="remediation_status" index="7"/>
    <alias name="修复方式" field="restoration_method" index="8"/>
    <alias name="矿种" field="mineral" index="9"/>
    <alias name="开采方式" field="mining_method" index="10"/>
    <alias name="闭坑年份" field="year_closed" index="11"/>
    <alias name="核查面积（平方米）" field="measured_area_m2" index="12"/>
    <alias name="已治理面积（平方米）" field="treated_area_m2" index="13"/>
    <alias name="现状地类" field="land_use" index="14"/>
    <alias name="定位经度" field="position_lon" index="15"/>
    <alias name="定位纬度" field="position_lat" index="16"/>
    <alias name="定位精度（米）" field="position_accuracy_m" index="17"/>
    <alias name="定位说明" field="position_note" index="18"/>
    <alias name="核查人" field="verifier" index="19"/>
    <alias name="核查单位" field="verifying_unit" index="20"/>
    <alias name="核查日期" field="verified_on" index="21"/>
    <alias name="备注" field="notes" index="22"/>
    <alias name="记录时间" field="created_at" index="23"/>
  </aliases>
  <defaults>
    <default expression="" field="uuid" applyOnUpdate="0"/>
    <default expression="" field="patch_uuid" applyOnUpdate="0"/>
    <default expression="" field="patch_code" applyOnUpdate="0"/>
    <default expression="" field="patch_class" applyOnUpdate="0"/>
    <default expression="" field="patch_subclass" applyOnUpdate="0"/>
    <default expression="" field="damage_type" applyOnUpdate="0"/>
    <default expression="" field="patch_feature" applyOnUpdate="0"/>
    <default expression="" field="remediation_status" applyOnUpdate="0"/>
    <default expression="" field="restoration_method" applyOnUpdate="0"/>
    <default expression="" field="mineral" applyOnUpdate="0"/>
    <default expression="" field="mining_method" applyOnUpdate="0"/>
    <default expression="" field="year_closed" applyOnUpdate="0"/>
    <default expression="" field="measured_area_m2" applyOnUpdate="0"/>
    <default expression="" field="treated_area_m2" applyOnUpdate="0"/>
    <default expression="" field="land_use" applyOnUpdate="0"/>
    <default expression="" field="position_lon" applyOnUpdate="0"/>
    <default expression="" field="position_lat" applyOnUpdate="0"/>
    <default expression="" field="position_accuracy_m" applyOnUpdate="0"/>
    <default expression="" field="position_note" applyOnUpdate="0"/>
    <default expression="" field="verifier" applyOnUpdate="0"/>
    <default expression="" field="verifying_unit" applyOnUpdate="0"/>
    <default expression="to_date(now())" field="verified_on" applyOnUpdate="0"/>
    <default expression="" field="notes" applyOnUpdate="0"/>
    <default expression="" field="created_at" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="0" exp_strength="0" field="uuid" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="patch_uuid" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="2" field="patch_code" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="patch_class" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="1" field="patch_subclass" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="damage_type" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="patch_feature" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="remediation_status" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="1" field="restoration_method" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="2" field="mineral" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="0" field="mining_method" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="1" field="year_closed" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="1" field="measured_area_m2" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="1" field="treated_area_m2" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="0" field="land_use" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="position_lon" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="position_lat" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="position_accuracy_m" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="position_note" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="verifier" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="verifying_unit" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="1" field="verified_on" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="notes" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="created_at" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="uuid" exp=""/>
    <constraint desc="" field="patch_uuid" exp=""/>
    <constraint desc="图斑编号不符合 C/CT/ZJ 编号格式" field="patch_code" exp="(length(trim(coalesce(&quot;patch_code&quot;, ''))) = 0 OR regexp_match(trim(&quot;patch_code&quot;), '(?:^C\\d{25}$)|(?:^CT\\d{19}$)|(?:^ZJ\\d{16}$)') > 0)"/>
    <constraint desc="" field="patch_class" exp=""/>
    <constraint desc="图斑小类“”不属于所选的图斑大类" field="patch_subclass" exp="(&quot;patch_subclass&quot; IS NULL OR &quot;patch_class&quot; IS NULL OR array_contains(array('10|11', '10|12', '20|21', '20|22', '30|31', '30|32', '30|33', '30|34', '30|35', '30|36', '30|37', '40|41', '40|42', '40|43'), &quot;patch_class&quot; || '|' || &quot;patch_subclass&quot;))"/>
    <constraint desc="" field="damage_type" exp=""/>
    <constraint desc="" field="patch_feature" exp=""/>
    <constraint desc="" field="remediation_status" exp=""/>
    <constraint desc="已恢复治理或治理中的图斑须填写修复方式" field="restoration_method" exp="(coalesce(trim(&quot;remediation_status&quot;), '') NOT IN ('B', 'C') OR length(trim(coalesce(&quot;restoration_method&quot;, ''))) > 0)"/>
    <constraint desc="矿种不在列表中：请核对" field="mineral" exp="(&quot;mineral&quot; IS NULL OR &quot;mineral&quot; IN ('建筑用砂', '水泥用石灰岩', '砖瓦用粘土'))"/>
    <constraint desc="" field="mining_method" exp=""/>
    <constraint desc="闭坑年份不能小于 1950; 闭坑年份不能晚于核查年份" field="year_closed" exp="(&quot;year_closed&quot; IS NULL OR (&quot;year_closed&quot; >= 1950)) AND (&quot;year_closed&quot; IS NULL OR &quot;year_closed&quot; &lt;= year(coalesce(&quot;verified_on&quot;, now())))"/>
    <constraint desc="核查面积（平方米）须大于 0" field="measured_area_m2" exp="(&quot;measured_area_m2&quot; IS NULL OR (&quot;measured_area_m2&quot; > 0))"/>
    <constraint desc="已治理面积（平方米）须大于 0; 已治理面积不能大于核查面积" field="treated_area_m2" exp="(&quot;treated_area_m2&quot; IS NULL OR (&quot;treated_area_m2&quot; > 0)) AND (&quot;treated_area_m2&quot; IS NULL OR &quot;measured_area_m2&quot; IS NULL OR &quot;treated_area_m2&quot; &lt;= &quot;measured_area_m2&quot; * (1 + 1e-12))"/>
    <constraint desc="" field="land_use" exp=""/>
    <constraint desc="" field="position_lon" exp=""/>
    <constraint desc="" field="position_lat" exp=""/>
    <constraint desc="" field="position_accuracy_m" exp=""/>
    <constraint desc="" field="position_note" exp=""/>
    <constraint desc="" field="verifier" exp=""/>
    <constraint desc="" field="verifying_unit" exp=""/>
    <constraint desc="核查日期须在规划期（2021-01-01 至 2035-12-31）内; 核查日期不能晚于今天" field="verified_on" exp="(&quot;verified_on&quot; IS NULL OR (&quot;verified_on&quot; >= to_date('2021-01-01') AND &quot;verified_on&quot; &lt;= to_date('2035-12-31'))) AND (&quot;verified_on&quot; IS NULL OR &quot;verified_on&quot; &lt;= to_date(now()))"/>
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
    <field editable="0" name="patch_code"/>
    <field editable="0" name="patch_uuid"/>
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
