using System.CommandLine;
using Trust.Certificates;
using Trust.Files;
using Trust.Keys;

namespace Trust.Cli.Commands;

/// <summary><c>trust leaf create</c>: a workload certificate in Linkerd's leaf shape.</summary>
internal static class LeafCommand
{
    public static Command Create(CliContext context)
    {
        var cert = new Argument<string>("CERT") { Description = "Output file: the leaf followed by the issuer chain" };
        var key = new Argument<string>("KEY") { Description = "Output private key file (unencrypted PKCS#8, mode 0600)" };
        var ca = CommonOptions.Ca();
        var caKey = CommonOptions.CaKey();
        var caPassword = CommonOptions.CaPasswordFile();
        var san = CommonOptions.San(required: true);
        var notAfter = CommonOptions.NotAfter("24h; clamped to the issuer chain");
        var force = CommonOptions.Force();
        var format = OutputFormat.Create("text", "json");

        var create = new Command("create", "Create a workload certificate as Linkerd's identity issues them (ECDSA P-256, serverAuth+clientAuth, 24h)")
        {
            cert, key, ca, caKey, caPassword, san, notAfter, force, format,
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
            var profile = new LeafProfile
            {
                DnsNames = parse.GetValue(san)!,
                NotAfter = CommonOptions.ParseTime(parse.GetValue(notAfter)) ?? Time.ValidityTime.After(LeafProfile.DefaultLifetime),
            };
            using var leafKey = SigningKey.Generate(KeySpec.EcP256);
            var leaf = new CertificateFactory().CreateLeaf(profile, leafKey.SubjectPublicKeyInfo, caChain, signer, context.Now);
            var chain = new[] { leaf.Certificate }.Concat(CliFiles.ChainWithoutRoot(caChain));
            new OutputFiles().Add(certPath, CertificatePem.Write(chain)).AddSecret(keyPath, PrivateKeyPem.Write(leafKey)).Commit(overwrite);
            Created.Report(context, parse.GetValue(format)!, "leaf", leaf, certPath, keyPath);
            return ExitCodes.Ok;
        });
        return new Command("leaf", "Workload (leaf) certificates, for tests and direct use") { create };
    }
}
