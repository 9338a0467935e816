using System.Globalization;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Patching;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy and test over JSON pointers (RFC 6901).</summary>
internal static class JsonPatch
{
    /// <summary>Applies the operations in order to a copy of the document; throws <see cref="PatchFailure"/> when one does not apply.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations) throw new FormatException("a JSON patch is an array of operations");
        var root = new JsonObject { ["doc"] = document?.DeepClone() };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op) throw new FormatException("a JSON patch operation is an object");
            var name = Storage.Json.String(op, "op") ?? throw new FormatException("a JSON patch operation needs \"op\"");
            var path = Storage.Json.String(op, "path") ?? throw new FormatException($"a JSON patch {name} operation needs \"path\"");
            switch (name)
            {
                case "add": Add(root, path, Value(op, name)); break;
                case "remove": Remove(root, path, name); break;
                case "replace": Replace(root, path, Value(op, name)); break;
                case "move":
                    var moved = Remove(root, From(op, name), name);
                    Add(root, path, moved);
                    break;
                case "copy": Add(root, path, Get(root, From(op, name), name)?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path, name), op["value"])) throw new PatchFailure($"testing value {path} failed: test failed");
                    break;
                default: throw new FormatException($"Unexpected kind: {name}");
            }
        }
        return root["doc"];
    }

    private static JsonNode? Value(JsonObject op, string name) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new FormatException($"a JSON patch {name} operation needs \"value\"");

    private static string From(JsonObject op, string name) =>
        Storage.Json.String(op, "from") ?? throw new FormatException($"a JSON patch {name} operation needs \"from\"");

    private static JsonNode? Get(JsonObject root, string path, string op)
    {
        var (parent, token) = Parent(root, path, op);
        return parent switch
        {
            JsonObject o when o.TryGetPropertyValue(token, out var value) => value,
            JsonArray a when Index(a, token, forInsert: false) is var i and >= 0 => a[i],
            _ => throw Missing(op, path),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path, "add");
        switch (parent)
        {
            case JsonObject o: o[token] = value; break;
            case JsonArray a:
                var at = Index(a, token, forInsert: true);
                if (at < 0) throw new PatchFailure($"add operation does not apply: index out of bounds: {path}");
                a.Insert(at, value);
                break;
            default: throw Missing("add", path);
        }
    }

    /// <summary>Replaces a value where it stands (an object keeps its key order).</summary>
    private static void Replace(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path, "replace");
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token): o[token] = value; break;
            case JsonArray a when Index(a, token, forInsert: false) is var i and >= 0: a[i] = value; break;
            default: throw Missing("replace", path);
        }
    }

    private static JsonNode? Remove(JsonObject root, string path, string op)
    {
        var (parent, token) = Parent(root, path, op);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(token, out var value):
                o.Remove(token);
                return value;
            case JsonArray a when Index(a, token, forInsert: false) is var i and >= 0:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw Missing(op, path);
        }
    }

    /// <summary>The container that holds the last token of the pointer; the whole document hangs under "doc" of a wrapper.</summary>
    private static (JsonNode? Parent, string Token) Parent(JsonObject root, string path, string op)
    {
        if (path.Length > 0 && path[0] != '/') throw new FormatException($"JSON pointer must be empty or start with a \"/\": {path}");
        var tokens = new List<string> { "doc" };
        tokens.AddRange(path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")));
        JsonNode? node = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when Index(a, token, forInsert: false) is var i and >= 0 => a[i],
                _ => throw Missing(op, path),
            };
        }
        return (node, tokens[^1]);
    }

    private static int Index(JsonArray array, string token, bool forInsert)
    {
        if (forInsert && token == "-") return array.Count;
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return -1;
        return index < array.Count || (forInsert && index == array.Count) ? index : -1;
    }

    private static PatchFailure Missing(string op, string path) => new($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
}
