using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Patching;

/// <summary>
/// Strategic merge patch as kubectl sends it: maps merge as in a merge patch; lists whose Go field has a patch merge
/// key (containers by name, ownerReferences by uid, ...) merge element by element; other lists are replaced. The
/// directives <c>$patch</c> (delete, replace), <c>$retainKeys</c>, <c>$setElementOrder/</c> and
/// <c>$deleteFromPrimitiveList/</c> are honoured and never stored.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <summary>The patchMergeKey of the k8s.io/api fields these resources have, by field name.</summary>
    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["hostAliases"] = "ip",
        ["ports"] = "containerPort",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
        ["topologySpreadConstraints"] = "topologyKey",
    };

    /// <summary>Lists of strings merged as sets (patchStrategy merge without a key).</summary>
    private static readonly HashSet<string> PrimitiveSets = ["finalizers"];

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => ApplyField(target, patch, "");

    private static JsonNode? ApplyField(JsonNode? target, JsonNode? patch, string field) => patch switch
    {
        JsonObject map => ApplyMap(target as JsonObject, map),
        JsonArray list => ApplyList(target as JsonArray, list, field),
        _ => patch?.DeepClone(),
    };

    private static JsonObject? ApplyMap(JsonObject? target, JsonObject patch)
    {
        switch (Storage.Json.String(patch, PatchDirective))
        {
            case "delete": return null;
            case "replace": return ApplyMap(null, WithoutDirective(patch));
        }
        var result = target is null ? new JsonObject() : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (key is PatchDirective or RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal)) continue;
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var listName = key[DeleteFromPrimitiveList.Length..];
                if (result[listName] is JsonArray values && value is JsonArray doomed)
                    RemoveWhere(values, v => doomed.Any(d => JsonNode.DeepEquals(d, v)));
                continue;
            }
            var merged = value is null ? null : ApplyField(result[key], value, key);
            if (merged is null) result.Remove(key);
            else result[key] = merged;
        }
        foreach (var (key, order) in patch)
            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal) && order is JsonArray wanted && result[key[SetElementOrder.Length..]] is JsonArray list)
                Reorder(list, wanted, MergeKeys.GetValueOrDefault(key[SetElementOrder.Length..]));
        if (patch[RetainKeys] is JsonArray retained)
        {
            var keep = retained.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) result.Remove(key);
        }
        return result;
    }

    private static JsonArray ApplyList(JsonArray? target, JsonArray patch, string field)
    {
        if (PrimitiveSets.Contains(field) && target is not null)
        {
            var union = (JsonArray)target.DeepClone();
            foreach (var value in patch)
                if (!union.Any(v => JsonNode.DeepEquals(v, value))) union.Add(value?.DeepClone());
            return union;
        }
        var isReplace = patch.Any(e => e is JsonObject o && Storage.Json.String(o, PatchDirective) == "replace");
        if (!MergeKeys.TryGetValue(field, out var mergeKey) || target is null || isReplace || !patch.All(e => e is JsonObject))
            return new JsonArray([.. patch.Where(e => !(e is JsonObject o && o.ContainsKey(PatchDirective))).Select(e => ApplyField(null, e, ""))]);

        var result = (JsonArray)target.DeepClone();
        foreach (var element in patch.Cast<JsonObject>())
        {
            var key = element[mergeKey];
            var at = IndexOf(result, mergeKey, key);
            if (Storage.Json.String(element, PatchDirective) == "delete")
            {
                if (at >= 0) result.RemoveAt(at);
            }
            else if (at >= 0) result[at] = ApplyMap((JsonObject?)result[at], element);
            else result.Add(ApplyMap(null, element));
        }
        return result;
    }

    /// <summary>Puts the elements named in the order list first, in that order; the others keep theirs after them.</summary>
    private static void Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        var items = list.Select(e => e?.DeepClone()).ToList();
        int Rank(JsonNode? item)
        {
            var id = mergeKey is not null && item is JsonObject o ? o[mergeKey] : item;
            var rank = order.Select((o, i) => (o, i)).FirstOrDefault(p => JsonNode.DeepEquals(mergeKey is not null && p.o is JsonObject w ? w[mergeKey] : p.o, id), (null, int.MaxValue)).i;
            return rank;
        }
        var sorted = items.Select((item, i) => (item, i)).OrderBy(p => Rank(p.item)).ThenBy(p => p.i).Select(p => p.item).ToList();
        list.Clear();
        foreach (var item in sorted) list.Add(item);
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? key)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[mergeKey], key)) return i;
        return -1;
    }

    private static JsonObject WithoutDirective(JsonObject patch)
    {
        var copy = (JsonObject)patch.DeepClone();
        copy.Remove(PatchDirective);
        return copy;
    }

    private static void RemoveWhere(JsonArray list, Func<JsonNode?, bool> doomed)
    {
        for (var i = list.Count - 1; i >= 0; i--)
            if (doomed(list[i])) list.RemoveAt(i);
    }
}
