using System.CommandLine;
using Trust.Certificates;

namespace Trust.Cli.Commands;

/// <summary><c>trust leaf create</c>: a workload certificate in Linkerd's leaf shape.</summary>
internal static class LeafCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new CaSigned("Output file: the leaf followed by the issuer chain",
            "Output private key file (unencrypted PKCS#8, mode 0600)");
        var san = CommonOptions.San(required: true);
        var notAfter = CommonOptions.NotAfter("24h; clamped to the issuer chain");

        var create = new Command("create", "Create a workload certificate as Linkerd's identity issues them (ECDSA P-256, serverAuth+clientAuth, 24h)");
        shared.AddTo(create);
        create.Add(san);
        create.Add(notAfter);
        create.SetAction(parse => shared.Run(context, parse, "leaf", (spki, caChain, signer) =>
        {
            var profile = new LeafProfile
            {
                DnsNames = parse.GetValue(san)!,
                NotAfter = DurationOption.NotAfter("--not-after", parse.GetValue(notAfter), context.Now) ?? Time.ValidityTime.After(LeafProfile.DefaultLifetime),
            };
            return new CertificateFactory().CreateLeaf(profile, spki.Span, caChain, signer, context.Now);
        }));
        return new Command("leaf", "Workload (leaf) certificates, for tests and direct use") { create };
    }
}
