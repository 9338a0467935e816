using Trust.Certificates;
using Trust.Files;
using Trust.Keys;

namespace Trust.Cli;

/// <summary>Reads the files commands are given.</summary>
internal static class CliFiles
{
    public static IReadOnlyList<CertificateInfo> Certificates(string path) =>
        CertificatePem.ReadBytes(InputFile.ReadBytes(path), path);

    public static SigningKey Key(string path, string? passwordFile, out KeyPemFormat format)
    {
        var text = InputFile.ReadText(path);
        var password = passwordFile is null ? null : InputFile.ReadPassword(passwordFile);
        return PrivateKeyPem.Read(text, path, out format, password);
    }

    /// <summary>The certificates of a CA file that belong in a chain below the root (self-signed ones are left out, as cert-manager does).</summary>
    public static IEnumerable<CertificateInfo> ChainWithoutRoot(IReadOnlyList<CertificateInfo> chain) =>
        chain.Where(c => !c.IsSelfIssued);
}
