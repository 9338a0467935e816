using System.CommandLine;
using Trust.Certificates;
using Trust.Files;
using Trust.Keys;

namespace Trust.Cli.Commands;

/// <summary><c>trust issuer create</c>: an identity issuer signed by an anchor.</summary>
internal static class IssuerCommand
{
    public static Command Create(CliContext context)
    {
        var cert = new Argument<string>("CERT") { Description = "Output certificate file (the issuer, then any intermediates of the CA file)" };
        var key = new Argument<string>("KEY") { Description = "Output private key file: unencrypted PKCS#8 (Linkerd cannot read an encrypted key), mode 0600" };
        var ca = CommonOptions.Ca();
        var caKey = CommonOptions.CaKey();
        var caPassword = CommonOptions.CaPasswordFile();
        var subject = new Option<string>("--subject") { Description = "Subject CommonName or DN; must differ from the anchor's", DefaultValueFactory = _ => "identity.linkerd.cluster.local", HelpName = "CN" };
        var notBefore = CommonOptions.NotBefore();
        var notAfter = CommonOptions.NotAfter("8760h; clamped to the CA's NotAfter");
        var pathLen = CommonOptions.PathLength("0");
        var san = CommonOptions.San(required: false);
        var force = CommonOptions.Force();
        var format = OutputFormat.Create("text", "json");

        var create = new Command("create", "Create a Linkerd identity issuer (intermediate CA, ECDSA P-256) signed by a trust anchor")
        {
            cert, key, ca, caKey, caPassword, subject, notBefore, notAfter, pathLen, san, force, format,
        };
        create.SetAction(parse =>
        {
            var certPath = parse.GetValue(cert)!;
            var keyPath = parse.GetValue(key)!;
            var overwrite = parse.GetValue(force);
            OutputFiles.EnsureWritable(overwrite, certPath, keyPath);
            var caPath = parse.GetValue(ca)!;
            var caChain = CliFiles.Certificates(caPath);
            using var signer = CliFiles.Key(parse.GetValue(caKey)!, parse.GetValue(caPassword), out _);
            var profile = new IssuerProfile
            {
                Subject = parse.GetValue(subject)!,
                NotBefore = CommonOptions.ParseTime(parse.GetValue(notBefore)),
                NotAfter = CommonOptions.ParseTime(parse.GetValue(notAfter)) ?? Time.ValidityTime.After(IssuerProfile.DefaultLifetime),
                PathLength = parse.GetValue(pathLen) ?? 0,
                DnsNames = parse.GetValue(san) ?? [],
            };
            using var issuerKey = SigningKey.Generate(KeySpec.EcP256);
            var issuer = new CertificateFactory().CreateIssuer(profile, issuerKey.SubjectPublicKeyInfo, caChain, signer, context.Now);
            var chain = new[] { issuer.Certificate }.Concat(CliFiles.ChainWithoutRoot(caChain));
            new OutputFiles().Add(certPath, CertificatePem.Write(chain)).AddSecret(keyPath, PrivateKeyPem.Write(issuerKey)).Commit(overwrite);
            Created.Report(context, parse.GetValue(format)!, "issuer", issuer, certPath, keyPath);
            return ExitCodes.Ok;
        });
        return new Command("issuer", "Identity issuers (intermediate CAs)") { create };
    }
}
