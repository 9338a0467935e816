namespace Trust.Certificates;

/// <summary>Object identifiers this library reads and writes.</summary>
#pragma warning disable CS1591 // The constant names are the OID names.
internal static class Oids
{
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Ed25519 = "1.3.101.112";
    public const string CurveP256 = "1.2.840.10045.3.1.7";
    public const string CurveP224 = "1.3.132.0.33";
    public const string CurveP384 = "1.3.132.0.34";
    public const string CurveP521 = "1.3.132.0.35";

    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    public const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";

    public const string SubjectKeyIdentifier = "2.5.29.14";
    public const string KeyUsage = "2.5.29.15";
    public const string SubjectAltName = "2.5.29.17";
    public const string BasicConstraints = "2.5.29.19";
    public const string NameConstraints = "2.5.29.30";
    public const string CertificatePolicies = "2.5.29.32";
    public const string AuthorityKeyIdentifier = "2.5.29.35";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string AuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";

    public const string AnyExtendedKeyUsage = "2.5.29.37.0";
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public const string CommonName = "2.5.4.3";

    /// <summary>Short names for display.</summary>
    public static string Describe(string oid) => oid switch
    {
        EcdsaWithSha256 => "ECDSA-SHA256",
        EcdsaWithSha384 => "ECDSA-SHA384",
        EcdsaWithSha512 => "ECDSA-SHA512",
        Sha256WithRsa => "SHA256-RSA",
        Sha384WithRsa => "SHA384-RSA",
        Sha512WithRsa => "SHA512-RSA",
        "1.2.840.113549.1.1.5" => "SHA1-RSA",
        "1.2.840.10045.4.1" => "ECDSA-SHA1",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        Ed25519 => "Ed25519",
        ServerAuth => "serverAuth",
        ClientAuth => "clientAuth",
        AnyExtendedKeyUsage => "anyExtendedKeyUsage",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        _ => oid,
    };
}
