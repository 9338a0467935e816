using System.Globalization;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing.Http;
using Trust.Kubernetes.Testing.Patching;
using Trust.Kubernetes.Testing.Selectors;
using Trust.Kubernetes.Testing.Storage;
using Trust.Kubernetes.Testing.Validation;

namespace Trust.Kubernetes.Testing.Registry;

/// <summary>
/// The verbs on objects, with the real server's order of checks: decode (400), defaulting, validation (422),
/// namespace existence (404), then the write with its optimistic-concurrency check (404, 409). HTTP-free.
/// </summary>
internal sealed class ObjectRegistry(ObjectStore store, TimeProvider clock)
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public ObjectStore Store => store;

    public StoredObject Get(KubeResource resource, string? @namespace, string name) =>
        store.Get(resource, Key(resource, @namespace, name)) ?? throw ApiError.NotFound(resource, name);

    public ListPage List(KubeResource resource, string? @namespace, string? labelSelector, string? fieldSelector, int limit, string? continueToken)
    {
        var labels = LabelSelector.Parse(labelSelector);
        var fields = FieldSelector.Parse(fieldSelector, resource);
        var filtered = !string.IsNullOrEmpty(labelSelector) || !fields.IsEmpty;
        Func<StoredObject, bool>? filter = filtered ? item => labels.Matches(item.Node) && fields.Matches(item.Node) : null;
        if (string.IsNullOrEmpty(continueToken)) return store.List(resource, @namespace, filter, limit, after: null);
        var (firstResourceVersion, after) = ContinueToken.Decode(continueToken);
        // The real server serves later pages from the snapshot of the first; the version it reports stays that one.
        return store.List(resource, @namespace, filter, limit, after) with { ResourceVersion = firstResourceVersion };
    }

    public StoredObject Create(KubeResource resource, string? @namespace, JsonObject body)
    {
        var obj = Canonical(resource, body);
        var metadata = Json.Metadata(obj);
        PlaceInNamespace(resource, @namespace, metadata);
        if (string.IsNullOrEmpty(Json.String(metadata, "name")) && Json.String(metadata, "generateName") is { Length: > 0 } prefix)
            metadata["name"] = prefix + new string(Random.Shared.GetItems(GenerateNameAlphabet.AsSpan(), 5));
        var name = Json.String(metadata, "name") ?? "";
        Decode(resource, obj, name, asPatch: false);
        if (!string.IsNullOrEmpty(Json.String(metadata, "resourceVersion")))
            throw ApiError.Unclassified("resourceVersion should not be set on objects to be created");
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        if (resource.HasGeneration) metadata["generation"] = 1L;
        ThrowIfInvalid(resource, obj, old: null, name);
        if (resource.Namespaced && store.Get(KubeResource.Namespaces, new ObjectKey("", @namespace!)) is null)
            throw ApiError.NotFound(KubeResource.Namespaces, @namespace!);
        return store.Write(resource, Key(resource, @namespace, name), current => current is null ? StoreWrite.Put(obj) : throw ApiError.AlreadyExists(resource, name))!;
    }

    public StoredObject Update(KubeResource resource, string? @namespace, string name, JsonObject body)
    {
        var obj = Replacement(resource, @namespace, name, body, asPatch: false);
        return store.Write(resource, Key(resource, @namespace, name), current => current is null ? throw ApiError.NotFound(resource, name) : Replace(resource, current, obj))!;
    }

    public StoredObject Patch(KubeResource resource, string? @namespace, string name, PatchKind kind, JsonNode? patch) =>
        store.Write(resource, Key(resource, @namespace, name), current =>
        {
            if (current is null) throw ApiError.NotFound(resource, name);
            var patched = ApplyPatch(kind, current.Clone(), patch) as JsonObject
                ?? throw ApiError.BadRequest("the patched object is not a JSON object");
            return Replace(resource, current, Replacement(resource, @namespace, name, patched, asPatch: true));
        })!;

    public StoredObject Delete(KubeResource resource, string? @namespace, string name, JsonObject? options)
    {
        var preconditions = options?["preconditions"];
        var uid = Json.String(preconditions, "uid");
        var resourceVersion = Json.String(preconditions, "resourceVersion");
        var removed = store.Write(resource, Key(resource, @namespace, name), current =>
        {
            if (current is null) throw ApiError.NotFound(resource, name);
            if (!string.IsNullOrEmpty(uid) && uid != current.Uid)
                throw ApiError.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
            if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != Json.String(current.Node["metadata"], "resourceVersion"))
                throw ApiError.Conflict(resource, name, $"Precondition failed: ResourceVersion in precondition: {resourceVersion}, ResourceVersion in object meta: {Json.String(current.Node["metadata"], "resourceVersion")}");
            return StoreWrite.Remove;
        })!;
        if (resource == KubeResource.Namespaces)
            foreach (var contained in KubeResource.All.Where(r => r.Namespaced))
                foreach (var item in store.List(contained, name, null, 0, null).Items)
                    store.Write(contained, new ObjectKey(name, Json.String(item.Node["metadata"], "name")!), _ => StoreWrite.Remove);
        return removed;
    }

    /// <summary>Stores an object as a test arranges it: no validation, server fields filled in where missing, its namespace created.</summary>
    public StoredObject Put(KubeResource resource, JsonObject body)
    {
        var (obj, key) = Arrange(resource, body);
        return store.Write(resource, key, _ => StoreWrite.Put(obj))!;
    }

    /// <summary>
    /// Stores a copy of one arranged object under each name (each with its own uid and resourceVersion), rendered
    /// from a single serialization: the fast way to fill a cluster with thousands of pods.
    /// </summary>
    public void PutMany(KubeResource resource, JsonObject body, IEnumerable<string> names)
    {
        const string nameHole = "\u0001name", uidHole = "\u0001uid", versionHole = "\u0001resourceVersion";
        var copy = (JsonObject)body.DeepClone();
        Json.Metadata(copy)["name"] = nameHole;
        Json.Metadata(copy)["uid"] = uidHole;
        var (obj, key) = Arrange(resource, copy);
        Json.Metadata(obj)["resourceVersion"] = versionHole;
        var template = new JsonTemplate(Json.Serialize(obj), nameHole, uidHole, versionHole);
        foreach (var name in names)
            store.Insert(resource, key with { Name = name },
                resourceVersion => template.Render(name, Guid.NewGuid().ToString(), resourceVersion.ToString(CultureInfo.InvariantCulture)));
    }

    private (JsonObject Obj, ObjectKey Key) Arrange(KubeResource resource, JsonObject body)
    {
        var obj = Canonical(resource, (JsonObject)body.DeepClone());
        var metadata = Json.Metadata(obj);
        var name = Json.String(metadata, "name") ?? throw new ArgumentException("the object has no metadata.name", nameof(body));
        var @namespace = resource.Namespaced ? Json.String(metadata, "namespace") ?? "default" : null;
        PlaceInNamespace(resource, @namespace, metadata);
        ObjectRules.For(resource).Normalize(obj);
        if (@namespace is not null) EnsureNamespace(@namespace);
        if (string.IsNullOrEmpty(Json.String(metadata, "uid"))) metadata["uid"] = Guid.NewGuid().ToString();
        if (string.IsNullOrEmpty(Json.String(metadata, "creationTimestamp"))) metadata["creationTimestamp"] = Now();
        if (resource.HasGeneration && metadata["generation"] is null) metadata["generation"] = 1L;
        return (obj, Key(resource, @namespace, name));
    }

    public void EnsureNamespace(string name)
    {
        var key = new ObjectKey("", name);
        if (store.Get(KubeResource.Namespaces, key) is not null) return;
        var ns = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } };
        store.Write(KubeResource.Namespaces, key, current => current is null ? StoreWrite.Put(Prepare(ns)) : StoreWrite.Keep);

        JsonObject Prepare(JsonObject obj)
        {
            obj = Canonical(KubeResource.Namespaces, obj);
            ObjectRules.For(KubeResource.Namespaces).Normalize(obj);
            Json.Metadata(obj)["uid"] = Guid.NewGuid().ToString();
            Json.Metadata(obj)["creationTimestamp"] = Now();
            return obj;
        }
    }

    /// <summary>The new version an update or patch proposes, named as the URL names it, decoded and defaulted.</summary>
    private static JsonObject Replacement(KubeResource resource, string? @namespace, string name, JsonObject body, bool asPatch)
    {
        var obj = Canonical(resource, body);
        var metadata = Json.Metadata(obj);
        if (Json.String(metadata, "name") != name)
            throw ApiError.BadRequest($"the name of the object ({Json.String(metadata, "name")}) does not match the name on the URL ({name})");
        PlaceInNamespace(resource, @namespace, metadata);
        Decode(resource, obj, name, asPatch);
        return obj;
    }

    /// <summary>An update of <paramref name="current"/> to <paramref name="next"/>: the optimistic-concurrency and uid checks, server-owned fields kept, validation.</summary>
    private StoreWrite Replace(KubeResource resource, StoredObject current, JsonObject next)
    {
        var name = Json.String(current.Node["metadata"], "name")!;
        var metadata = Json.Metadata(next);
        var stored = (JsonObject)current.Node["metadata"]!;
        var currentVersion = Json.String(stored, "resourceVersion");
        var wanted = Json.String(metadata, "resourceVersion");
        if (!string.IsNullOrEmpty(wanted) && wanted != currentVersion) throw ApiError.StaleResourceVersion(resource, name);
        var uid = Json.String(metadata, "uid");
        if (!string.IsNullOrEmpty(uid) && uid != current.Uid)
            throw ApiError.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");

        metadata["uid"] = current.Uid;
        metadata["creationTimestamp"] = stored["creationTimestamp"]?.DeepClone();
        metadata["resourceVersion"] = currentVersion;
        if (resource.HasGeneration)
        {
            var generation = Json.Integer(stored["generation"]) ?? 1;
            metadata["generation"] = SpecChanged(current.Node, next) ? generation + 1 : generation;
        }
        ThrowIfInvalid(resource, next, current.Node, name);
        // Like etcd3's GuaranteedUpdate, an update that changes nothing is not written and keeps its resourceVersion.
        return JsonNode.DeepEquals(next, current.Node) ? StoreWrite.Keep : StoreWrite.Put(next);
    }

    private static JsonNode? ApplyPatch(PatchKind kind, JsonObject current, JsonNode? patch)
    {
        try
        {
            return kind switch
            {
                PatchKind.Merge => MergePatch.Apply(current, patch),
                PatchKind.StrategicMerge => StrategicMergePatch.Apply(current, patch),
                _ => JsonPatch.Apply(current, patch),
            };
        }
        catch (FormatException e)
        {
            throw ApiError.BadRequest(e.Message);
        }
        catch (PatchFailure)
        {
            // As the real server does, the patch library's reason is not passed on (NewGenericServerResponse without causes).
            throw new ApiError(422, "Invalid", "the server rejected our request due to an error in our request");
        }
    }

    private static void Decode(KubeResource resource, JsonObject obj, string name, bool asPatch)
    {
        var rules = ObjectRules.For(resource);
        try
        {
            rules.Decode(obj);
        }
        catch (DecodeFailure e)
        {
            // A body is refused as a bad request; a patch whose result does not decode is refused as invalid.
            throw asPatch ? ApiError.Invalid(resource, name, [FieldError.Invalid("patch", obj.ToJsonString(), e.Message)]) : ApiError.CannotDecode(resource, e.Message);
        }
        rules.Normalize(obj);
    }

    private static void ThrowIfInvalid(KubeResource resource, JsonObject obj, JsonObject? old, string name)
    {
        var errors = ObjectRules.Validate(resource, obj, old);
        if (errors.Count > 0) throw ApiError.Invalid(resource, name, errors);
    }

    private static bool SpecChanged(JsonObject current, JsonObject next) =>
        current.Select(p => p.Key).Union(next.Select(p => p.Key))
            .Where(key => key is not ("metadata" or "status" or "kind" or "apiVersion"))
            .Any(key => !JsonNode.DeepEquals(current[key], next[key]));

    private static void PlaceInNamespace(KubeResource resource, string? @namespace, JsonObject metadata)
    {
        if (!resource.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }
        var given = Json.String(metadata, "namespace");
        if (!string.IsNullOrEmpty(given) && given != @namespace)
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        metadata["namespace"] = @namespace;
    }

    /// <summary>A copy with kind and apiVersion first and set to the resource's, as the server writes objects out.</summary>
    private static JsonObject Canonical(KubeResource resource, JsonObject obj)
    {
        var properties = obj.Where(p => p.Key is not ("kind" or "apiVersion")).ToList();
        obj.Clear();
        var result = new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion };
        foreach (var (key, value) in properties) result[key] = value;
        if (result["metadata"] is not JsonObject) result["metadata"] = new JsonObject();
        return result;
    }

    private static ObjectKey Key(KubeResource resource, string? @namespace, string name) =>
        new(resource.Namespaced ? @namespace ?? "" : "", name);

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
