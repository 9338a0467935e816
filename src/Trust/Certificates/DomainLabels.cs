namespace Trust.Certificates;

/// <summary>
/// Domain names as Go's crypto/x509 reads them for name constraints (verify.go <c>domainToReverseLabels</c>): labels
/// in reverse order, no empty label, no trailing dot, every character printable ASCII (33 to 126). Deliberately not
/// the hostname rules: constraints and SANs hold names like <c>*.example.com</c> that are not hostnames.
/// </summary>
internal static class DomainLabels
{
    /// <summary>The labels right to left (<c>foo.example.com</c> gives com, example, foo), or null when malformed.</summary>
    public static string[]? Reverse(string domain)
    {
        if (domain.Length == 0) return [];
        var labels = domain.Split('.');
        foreach (var label in labels)
        {
            // An empty label anywhere: a trailing dot (absolute name), a leading dot or two dots in a row. Go before
            // 1.20 let a leading dot through; current Go refuses it, and so do we.
            if (label.Length == 0) return null;
            foreach (var c in label)
                if (c is < '!' or > '~') return null;
        }
        Array.Reverse(labels);
        return labels;
    }

    /// <summary>True when <paramref name="text"/> is an IP address as Go's <c>net.ParseIP</c> reads one (dotted IPv4 without leading zeros, or IPv6 without a zone).</summary>
    public static bool IsIpAddress(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
            return !text.Contains('%', StringComparison.Ordinal)
                && System.Net.IPAddress.TryParse(text, out var v6)
                && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')) return false;
            foreach (var c in part)
                if (c is < '0' or > '9') return false;
            if (int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255) return false;
        }
        return true;
    }

    /// <summary>True when every byte is 7-bit ASCII, as Go's <c>isIA5String</c> requires of names and constraints.</summary>
    public static bool IsIa5(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
            if (b > 0x7F) return false;
        return true;
    }
}
