using System.CommandLine;
using Trust.Certificates;
using Trust.Findings;
using Trust.Cli.Files;
using Trust.Identity;
using Trust.Pem;
using Trust.Keys;

namespace Trust.Cli.Commands;

/// <summary>
/// The flow shared by <c>issuer create</c> and <c>leaf create</c>: check the outputs are free, read the CA chain and
/// key, make a new P-256 key, have <c>sign</c> issue the certificate, write certificate + CA chain and key together.
/// </summary>
internal sealed class CaSigned
{
    private readonly Argument<string> _cert;
    private readonly Argument<string> _key;
    private readonly Option<string> _ca = CommonOptions.Ca();
    private readonly Option<string> _caKey = CommonOptions.CaKey();
    private readonly Option<string?> _caPassword = CommonOptions.CaPasswordFile();
    private readonly Option<bool> _force = CommonOptions.Force();
    private readonly Option<string> _format = OutputFormat.Create("text", "json");

    public CaSigned(string certDescription, string keyDescription)
    {
        _cert = new Argument<string>("CERT") { Description = certDescription };
        _key = new Argument<string>("KEY") { Description = keyDescription };
    }

    /// <summary>Adds the shared arguments and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(_cert);
        command.Add(_key);
        command.Add(_ca);
        command.Add(_caKey);
        command.Add(_caPassword);
        command.Add(_force);
        command.Add(_format);
    }

    public int Run(CliContext context, ParseResult parse, string kind,
        Func<ReadOnlyMemory<byte>, IReadOnlyList<CertificateInfo>, SigningKey, IssuedCertificate> sign)
    {
        var certPath = parse.GetValue(_cert)!;
        var keyPath = parse.GetValue(_key)!;
        var overwrite = parse.GetValue(_force);
        OutputFiles.EnsureWritable(overwrite, certPath, keyPath);
        var caChain = CliFiles.Certificates(parse.GetValue(_ca)!);
        using var signer = CliFiles.Key(parse.GetValue(_caKey)!, parse.GetValue(_caPassword), "--ca-password-file");
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        IssuedCertificate issued;
        try
        {
            issued = sign(key.SubjectPublicKeyInfo, caChain, signer);
        }
        catch (TrustInputException e) when (e.Finding.Source is null && (e.Finding.Id == FindingIds.KeyMismatch || e.Finding.Id.StartsWith("ca-", StringComparison.Ordinal)))
        {
            // The signer's problems are about the files the user named: say which (trust: FILE: problem).
            var file = e.Finding.Id == FindingIds.KeyMismatch ? parse.GetValue(_caKey)! : parse.GetValue(_ca)!;
            throw TrustInputException.At(file, e.Finding.Id, e.Finding.Message, e.Finding.Remedy);
        }
        var chain = TlsSecret.ChainWithoutRoot([issued.Certificate, .. caChain]);
        new OutputFiles().Add(certPath, CertificatePem.Write(chain)).AddSecret(keyPath, PrivateKeyPem.Write(key)).Commit(overwrite);
        Created.Report(context, parse.GetValue(_format)!, kind, issued, certPath, keyPath);
        return ExitCodes.Ok;
    }
}
