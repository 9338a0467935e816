using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Tests.Support;

public static class JsonAssert
{
    /// <summary>Equal as JSON values: same members and items, whatever the escaping.</summary>
    public static void Equal(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\n  actual {actual?.ToJsonString()}");
}
