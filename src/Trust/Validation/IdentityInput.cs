namespace Trust.Validation;

/// <summary>One input to <see cref="IdentityMaterial.Load"/>: its bytes and where they came from (for findings).</summary>
/// <param name="Source">A file name, a Secret key such as <c>linkerd/linkerd-identity-issuer tls.crt</c>, or a label.</param>
/// <param name="Content">The bytes as read.</param>
public sealed record IdentityInput(string Source, ReadOnlyMemory<byte> Content)
{
    /// <summary>An input from text (encoded as UTF-8).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IdentityInput FromText(string source, string text) =>
        new(source, System.Text.Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));
}
