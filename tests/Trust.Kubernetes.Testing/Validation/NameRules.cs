using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>apimachinery's name, key and label checks, with its wording.</summary>
internal static partial class NameRules
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string ConfigKeyMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    public static IEnumerable<FieldError> Subdomain(string field, string value)
    {
        if (value.Length > 253) yield return FieldError.Invalid(field, value, "must be no more than 253 characters");
        if (!SubdomainShape().IsMatch(value)) yield return FieldError.Invalid(field, value, SubdomainMessage);
    }

    public static IEnumerable<FieldError> DnsLabel(string field, string value)
    {
        if (value.Length > 63) yield return FieldError.Invalid(field, value, "must be no more than 63 characters");
        if (!LabelShape().IsMatch(value)) yield return FieldError.Invalid(field, value, LabelMessage);
    }

    /// <summary>A label key, annotation key or reporting controller: an optional DNS subdomain prefix and a name of at most 63 characters.</summary>
    public static IEnumerable<FieldError> QualifiedName(string field, string value)
    {
        var slash = value.IndexOf('/');
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = value[..slash];
            if (prefix.Length == 0) yield return FieldError.Invalid(field, value, "prefix part must be non-empty");
            else if (prefix.Length > 253 || !SubdomainShape().IsMatch(prefix)) yield return FieldError.Invalid(field, value, "prefix part " + SubdomainMessage);
        }
        if (name.Length == 0) yield return FieldError.Invalid(field, value, "name part must be non-empty");
        else if (name.Length > 63) yield return FieldError.Invalid(field, value, "name part must be no more than 63 characters");
        else if (!QualifiedShape().IsMatch(name)) yield return FieldError.Invalid(field, value, QualifiedNameMessage);
    }

    public static IEnumerable<FieldError> Labels(string field, JsonNode? labels)
    {
        foreach (var (key, value) in Storage.Json.StringMap(labels))
        {
            foreach (var error in QualifiedName(field, key)) yield return error;
            if (value.Length > 63) yield return FieldError.Invalid(field, value, "must be no more than 63 characters");
            else if (value.Length > 0 && !QualifiedShape().IsMatch(value)) yield return FieldError.Invalid(field, value, LabelValueMessage);
        }
    }

    public static IEnumerable<FieldError> ConfigKeys(string field, JsonNode? map)
    {
        if (map is not JsonObject keys) yield break;
        foreach (var (key, _) in keys)
        {
            var path = $"{field}[{key}]";
            if (key.Length > 253) yield return FieldError.Invalid(path, key, "must be no more than 253 characters");
            if (!ConfigKeyShape().IsMatch(key)) yield return FieldError.Invalid(path, key, ConfigKeyMessage);
            if (key is "." or "..") yield return FieldError.Invalid(path, key, $"must not be '{key}'");
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainShape();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelShape();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedShape();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKeyShape();
}
