using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>One field's failure, as apimachinery's field.Error prints it and as a Status cause carries it.</summary>
internal sealed record FieldError(string Reason, string Field, string Detail)
{
    public static FieldError Required(string field, string detail = "") => new("FieldValueRequired", field, Join("Required value", detail));

    public static FieldError Invalid(string field, string value, string detail) => new("FieldValueInvalid", field, Join($"Invalid value: {Quote(value)}", detail));

    public static FieldError Invalid(string field, long value, string detail) => new("FieldValueInvalid", field, Join($"Invalid value: {value}", detail));

    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, Join("Forbidden", detail));

    public static FieldError TooLong(string field, int max, string unit = "bytes") =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {max} {unit}");

    public static FieldError TooLongData(string field, int max) => new("FieldValueTooLong", field, $"Too long: must have at most {max} bytes");

    public static FieldError NotSupported(string field, string value, params string[] supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", supported.Select(Quote))}");

    public JsonObject ToCause() => new() { ["reason"] = Reason, ["message"] = Detail, ["field"] = Field };

    public override string ToString() => Field.Length == 0 ? Detail : $"{Field}: {Detail}";

    private static string Join(string head, string detail) => detail.Length == 0 ? head : $"{head}: {detail}";

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
