using System.CommandLine;
using Trust.Certificates;
using Trust.Cli.Files;
using Trust.Pem;
using Trust.Keys;

namespace Trust.Cli.Commands;

/// <summary><c>trust anchor create</c>: a self-signed trust anchor.</summary>
internal static class AnchorCommand
{
    public static Command Create(CliContext context)
    {
        var cert = new Argument<string>("CERT") { Description = "Output certificate file" };
        var key = new Argument<string>("KEY") { Description = "Output private key file (mode 0600)" };
        var subject = new Option<string>("--subject") { Description = "Subject CommonName or DN", DefaultValueFactory = _ => "root.linkerd.cluster.local", HelpName = "CN" };
        var notBefore = CommonOptions.NotBefore();
        var notAfter = CommonOptions.NotAfter("87600h, 10 years");
        var keyType = new Option<string>("--key-type") { Description = "Key type", DefaultValueFactory = _ => "ec", HelpName = "ec|rsa" };
        keyType.AcceptOnlyFromAmong("ec", "rsa");
        var curve = new Option<string?>("--curve") { Description = "EC curve: P-256 (default) or P-384 (Linkerd accepts P-256 only)", HelpName = "P-256|P-384" };
        var rsaBits = new Option<int?>("--rsa-bits") { Description = "RSA modulus size: 2048 (default) or 4096", HelpName = "2048|4096" };
        var pathLen = CommonOptions.PathLength("1");
        var passwordFile = new Option<string?>("--password-file") { Description = "Encrypt the key (PKCS#8, AES-256, PBKDF2-SHA256 600,000 rounds) with the first line of this file", HelpName = "FILE" };
        var noPassword = new Option<bool>("--no-password") { Description = "Write the key unencrypted (PKCS#8)" };
        var force = CommonOptions.Force();
        var format = OutputFormat.Create("text", "json");

        var create = new Command("create", "Create a self-signed trust anchor (root CA): CA:TRUE pathlen 1, keyCertSign+cRLSign, no EKU")
        {
            cert, key, subject, notBefore, notAfter, keyType, curve, rsaBits, pathLen, passwordFile, noPassword, force, format,
        };
        create.SetAction(parse =>
        {
            var password = parse.GetValue(passwordFile);
            if (password is not null && parse.GetValue(noPassword))
                throw CliErrors.Error("--password-file and --no-password cannot be combined; give one of them");
            if (password is null && !parse.GetValue(noPassword))
                throw CliErrors.Error("choose --password-file FILE to encrypt the anchor key or --no-password to write it unencrypted");
            var certPath = parse.GetValue(cert)!;
            var keyPath = parse.GetValue(key)!;
            var overwrite = parse.GetValue(force);
            OutputFiles.EnsureWritable(overwrite, certPath, keyPath);
            var algorithm = KeyAlgorithmOption.From(parse.GetValue(keyType)!, parse.GetValue(curve), parse.GetValue(rsaBits));
            var profile = new AnchorProfile
            {
                Subject = parse.GetValue(subject)!,
                NotBefore = DurationOption.NotBefore("--not-before", parse.GetValue(notBefore), context.Now),
                NotAfter = DurationOption.NotAfter("--not-after", parse.GetValue(notAfter), context.Now) ?? Time.ValidityTime.After(AnchorProfile.DefaultLifetime),
                PathLength = parse.GetValue(pathLen) ?? 1,
            };
            using var signingKey = SigningKey.Generate(algorithm);
            var anchor = new CertificateFactory().CreateAnchor(profile, signingKey, context.Now);
            var keyText = password is null
                ? PrivateKeyPem.Write(signingKey)
                : PrivateKeyPem.Write(signingKey, InputFile.ReadPassword(password));
            new OutputFiles().Add(certPath, CertificatePem.Write([anchor.Certificate])).AddSecret(keyPath, keyText).Commit(overwrite);
            Created.Report(context, parse.GetValue(format)!, "anchor", anchor, certPath, keyPath);
            return ExitCodes.Ok;
        });
        return new Command("anchor", "Trust anchors (root CAs)") { create };
    }
}
