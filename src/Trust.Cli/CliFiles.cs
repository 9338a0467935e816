using Trust.Bundles;
using Trust.Certificates;
using Trust.Cli.Files;
using Trust.Findings;
using Trust.Keys;
using Trust.Pem;
using Trust.Validation;

namespace Trust.Cli;

/// <summary>Reads the files commands are given, and words the library's findings about them in CLI terms.</summary>
internal static class CliFiles
{
    public static IReadOnlyList<CertificateInfo> Certificates(string path) =>
        CertificatePem.ReadBytes(InputFile.ReadBytes(path), InputFile.DisplayName(path));

    /// <summary>Adds the certificates of one input to a bundle, reading it in chunks.</summary>
    public static void AddCertificates(TrustBundleBuilder builder, string path) =>
        InputFile.ReadStream(path, stream => builder.Add(stream, InputFile.DisplayName(path)));

    /// <summary>
    /// Reads a private key; a missing or wrong password is reported naming <paramref name="passwordOption"/>, the
    /// option that gives it for this command.
    /// </summary>
    public static SigningKey Key(string path, string? passwordFile, string passwordOption)
    {
        var text = InputFile.ReadText(path);
        var password = passwordFile is null ? null : InputFile.ReadPassword(passwordFile);
        var read = PrivateKeyPem.TryRead(text, InputFile.DisplayName(path), password);
        return read.Value ?? throw Input(read.Findings[0], passwordOption);
    }

    /// <summary>Reads what <c>trust check</c> judges, through the same library call the rotation job uses.</summary>
    public static IdentityMaterial Material(string anchorsPath, string issuerPath, string? keyPath)
    {
        var read = IdentityMaterial.Load(
            new IdentityInput(InputFile.DisplayName(anchorsPath), InputFile.ReadBytes(anchorsPath)),
            new IdentityInput(InputFile.DisplayName(issuerPath), InputFile.ReadBytes(issuerPath)),
            keyPath is null ? null : new IdentityInput(InputFile.DisplayName(keyPath), InputFile.ReadBytes(keyPath)));
        return read.Value ?? throw Input(read.Findings[0], passwordOption: null);
    }

    /// <summary>An input error for a finding, with the CLI's words for its remedy where the finding needs them.</summary>
    public static TrustInputException Input(Finding finding, string? passwordOption) => finding.Id switch
    {
        FindingIds.KeyPasswordRequired when passwordOption is not null =>
            new TrustInputException(finding with { Message = $"{finding.Message}; give it with {passwordOption} FILE" }),
        FindingIds.KeyPasswordWrong when passwordOption is not null =>
            new TrustInputException(finding with { Message = $"{finding.Message} (the password comes from {passwordOption})" }),
        _ => new TrustInputException(finding),
    };
}
