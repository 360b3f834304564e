using YamlDotNet.RepresentationModel;

namespace OktaServiceApp.Release.Tests.Ci;

/// <summary>Casts for walking a YAML tree whose shape the test asserts anyway.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode Map(this YamlNode node) => (YamlMappingNode)node;

    public static IEnumerable<YamlNode> Sequence(this YamlNode node) => ((YamlSequenceNode)node).Children;
}
