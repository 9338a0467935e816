using System.Text;
using System.Text.Json;

namespace Trust.Kubernetes.Testing.Storage;

/// <summary>
/// Serialized JSON with holes: the object is serialized once with placeholder strings, and each copy is the bytes
/// between the holes with the values (JSON-escaped) in them. Ten thousand pods cost ten thousand concatenations.
/// </summary>
internal sealed class JsonTemplate
{
    private readonly byte[][] _segments;
    private readonly int[] _order;

    /// <summary>Splits <paramref name="json"/> at each placeholder, which must occur exactly once as a JSON string's content.</summary>
    public JsonTemplate(byte[] json, params string[] placeholders)
    {
        var holes = placeholders
            .Select((placeholder, index) => (At: IndexOfOnce(json, Encoded(placeholder)), Length: Encoded(placeholder).Length, Index: index))
            .OrderBy(h => h.At)
            .ToList();
        var segments = new List<byte[]>();
        var start = 0;
        foreach (var (at, length, _) in holes)
        {
            segments.Add(json[start..at]);
            start = at + length;
        }
        segments.Add(json[start..]);
        _segments = [.. segments];
        _order = [.. holes.Select(h => h.Index)];
    }

    /// <summary>The JSON with the values in the placeholders' places, in the order the placeholders were given.</summary>
    public byte[] Render(params string[] values)
    {
        var encoded = _order.Select(i => Encoded(values[i])).ToArray();
        var result = new byte[_segments.Sum(s => s.Length) + encoded.Sum(e => e.Length)];
        var at = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            _segments[i].CopyTo(result, at);
            at += _segments[i].Length;
            if (i < encoded.Length)
            {
                encoded[i].CopyTo(result, at);
                at += encoded[i].Length;
            }
        }
        return result;
    }

    private static byte[] Encoded(string value) => JsonEncodedText.Encode(value, Json.WriterOptions.Encoder).EncodedUtf8Bytes.ToArray();

    private static int IndexOfOnce(byte[] json, byte[] placeholder)
    {
        var at = json.AsSpan().IndexOf(placeholder);
        if (at < 0 || json.AsSpan(at + 1).IndexOf(placeholder) >= 0)
            throw new ArgumentException($"the placeholder {Encoding.UTF8.GetString(placeholder)} must occur exactly once", nameof(placeholder));
        return at;
    }
}
