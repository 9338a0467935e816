namespace Trust.Certificates;

/// <summary>
/// The host of a URI as Go's <c>net/url.Parse</c> finds it, which is what Go's name constraints compare: the
/// authority after <c>scheme://</c>, without user information, with the port still attached. A URI without an
/// authority (<c>urn:…</c>, <c>spiffe:x</c>) has an empty host.
/// </summary>
internal static class UriHost
{
    /// <summary>Splits <paramref name="uri"/>; false when Go's parser would refuse it.</summary>
    /// <param name="uri">The URI text.</param>
    /// <param name="host">The host, with a port when one is given; empty when there is no authority.</param>
    public static bool TryParse(string uri, out string host)
    {
        host = "";
        foreach (var c in uri)
            if (c < 0x20 || c == 0x7F) return false; // Go refuses control characters anywhere
        var rest = uri;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) rest = rest[..hash];
        if (rest.Length == 0) return true;

        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
        var scheme = "";
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (char.IsAsciiLetter(c)) continue;
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0) break;
                continue;
            }
            if (c == ':')
            {
                if (i == 0) return false; // "missing protocol scheme"
                scheme = rest[..i];
                rest = rest[(i + 1)..];
            }
            break;
        }
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0) rest = rest[..question];
        if (scheme.Length == 0)
        {
            // Go: "first path segment in URL cannot contain colon" when there is no scheme; and no host without one.
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var first = slash < 0 ? rest : rest[..slash];
            return !first.Contains(':', StringComparison.Ordinal);
        }
        if (!rest.StartsWith("//", StringComparison.Ordinal)) return true; // opaque or a path: no authority

        var authority = rest[2..];
        var end = authority.IndexOf('/', StringComparison.Ordinal);
        if (end >= 0) authority = authority[..end];
        var hostPort = authority[(authority.LastIndexOf('@') + 1)..]; // after the user information, if any
        if (!ValidHostPort(hostPort)) return false;
        host = hostPort;
        return true;
    }

    private static bool ValidHostPort(string host)
    {
        // Percent-encoded hosts are decoded by Go; we refuse them rather than decode differently.
        if (host.Contains('%', StringComparison.Ordinal)) return false;
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0) return false;
            return ValidPort(host[(close + 1)..]);
        }
        var colon = host.LastIndexOf(':');
        return colon < 0 || ValidPort(host[colon..]);
    }

    /// <summary>Empty, or a colon followed by digits only (Go's <c>validOptionalPort</c>).</summary>
    private static bool ValidPort(string port)
    {
        if (port.Length == 0) return true;
        if (port[0] != ':') return false;
        foreach (var c in port.AsSpan(1))
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
