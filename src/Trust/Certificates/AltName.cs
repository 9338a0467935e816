namespace Trust.Certificates;

/// <summary>The subjectAltName forms that name constraints apply to.</summary>
internal enum AltNameKind
{
    Email = 1,
    Dns = 2,
    Uri = 6,
    Ip = 7,
}

/// <summary>One subjectAltName entry: its text, and for an IP address its 4 or 16 bytes.</summary>
internal sealed record AltName(AltNameKind Kind, string Text, byte[]? Address);
