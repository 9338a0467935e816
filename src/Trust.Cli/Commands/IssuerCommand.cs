using System.CommandLine;
using Trust.Certificates;

namespace Trust.Cli.Commands;

/// <summary><c>trust issuer create</c>: an identity issuer signed by an anchor.</summary>
internal static class IssuerCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new CaSigned("Output certificate file (the issuer, then any intermediates of the CA file)",
            "Output private key file: unencrypted PKCS#8 (Linkerd cannot read an encrypted key), mode 0600");
        var subject = new Option<string>("--subject") { Description = "Subject CommonName or DN; must differ from the anchor's", DefaultValueFactory = _ => "identity.linkerd.cluster.local", HelpName = "CN" };
        var notBefore = CommonOptions.NotBefore();
        var notAfter = CommonOptions.NotAfter("8760h; clamped to the CA's NotAfter");
        var pathLen = CommonOptions.PathLength("0");
        var san = CommonOptions.San(required: false);

        var create = new Command("create", "Create a Linkerd identity issuer (intermediate CA, ECDSA P-256) signed by a trust anchor");
        shared.AddTo(create);
        create.Add(subject);
        create.Add(notBefore);
        create.Add(notAfter);
        create.Add(pathLen);
        create.Add(san);
        create.SetAction(parse => shared.Run(context, parse, "issuer", (spki, caChain, signer) =>
        {
            var profile = new IssuerProfile
            {
                Subject = parse.GetValue(subject)!,
                NotBefore = DurationOption.NotBefore("--not-before", parse.GetValue(notBefore), context.Now),
                NotAfter = DurationOption.NotAfter("--not-after", parse.GetValue(notAfter), context.Now) ?? Time.ValidityTime.After(IssuerProfile.DefaultLifetime),
                PathLength = parse.GetValue(pathLen) ?? 0,
                DnsNames = parse.GetValue(san) ?? [],
            };
            return new CertificateFactory().CreateIssuer(profile, spki.Span, caChain, signer, context.Now);
        }));
        return new Command("issuer", "Identity issuers (intermediate CAs)") { create };
    }
}
