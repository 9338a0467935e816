namespace Trust.Findings;

/// <summary>
/// The stable ids of findings and input errors. Match on these, never on message text. Ids may be added; none is
/// renamed or removed.
/// </summary>
public static class FindingIds
{
    /// <summary>A time, duration, percentage or name that cannot be parsed.</summary>
    public const string ValueInvalid = "value-invalid";

    /// <summary>Text is not PEM as expected: a broken block, bad base64, headers where none belong.</summary>
    public const string PemMalformed = "pem-malformed";

    /// <summary>No certificate where certificates were expected.</summary>
    public const string PemNoCertificate = "pem-no-certificate";

    /// <summary>A PEM block of another kind where only certificates belong.</summary>
    public const string PemUnexpectedBlock = "pem-unexpected-block";

    /// <summary>Bytes that are neither PEM text nor a DER certificate.</summary>
    public const string NotPemOrDer = "not-pem-or-der";

    /// <summary>A certificate that is not well-formed X.509.</summary>
    public const string CertificateMalformed = "certificate-malformed";

    /// <summary>No private key where one was expected.</summary>
    public const string KeyMissing = "key-missing";

    /// <summary>A private key block that does not hold a valid key.</summary>
    public const string KeyMalformed = "key-malformed";

    /// <summary>A key algorithm this library cannot use.</summary>
    public const string KeyAlgorithmUnsupported = "key-algorithm-unsupported";

    /// <summary>An encrypted key was given without a password.</summary>
    public const string KeyPasswordRequired = "key-password-required";

    /// <summary>An encrypted key that the password does not decrypt.</summary>
    public const string KeyPasswordWrong = "key-password-wrong";

    /// <summary>A private key that does not belong to its certificate.</summary>
    public const string KeyMismatch = "key-mismatch";

    /// <summary>A subject name that cannot be encoded.</summary>
    public const string SubjectInvalid = "subject-invalid";

    /// <summary>A child certificate with the same subject as its CA (linkerd2#5350).</summary>
    public const string SubjectSameAsCa = "subject-same-as-ca";

    /// <summary>A DNS name that cannot be written into a certificate.</summary>
    public const string DnsNameInvalid = "dns-name-invalid";

    /// <summary>A trust domain that is not a DNS-1123 subdomain.</summary>
    public const string TrustDomainInvalid = "trust-domain-invalid";

    /// <summary>A validity window that is empty, or a lifetime that is not positive.</summary>
    public const string ValidityInvalid = "validity-invalid";

    /// <summary>A path length that is negative, or larger than the signer allows.</summary>
    public const string PathLengthInvalid = "path-length-invalid";

    /// <summary>A certificate that is asked to sign but is not a CA (basicConstraints CA:TRUE missing).</summary>
    public const string CaNotCa = "ca-not-ca";

    /// <summary>A CA whose keyUsage lacks keyCertSign (an empty keyUsage included).</summary>
    public const string CaKeyUsage = "ca-key-usage";

    /// <summary>A CA whose pathLenConstraint does not allow the certificates below it.</summary>
    public const string CaPathLength = "ca-path-length";

    /// <summary>A CA that is not valid yet at the time of signing or verification.</summary>
    public const string CaNotYetValid = "ca-not-yet-valid";

    /// <summary>A CA that has expired at the time of signing or verification.</summary>
    public const string CaExpired = "ca-expired";

    /// <summary>A CA with a critical extension this library does not process.</summary>
    public const string CaCriticalExtension = "ca-critical-extension";

    /// <summary>A CA whose nameConstraints do not allow a name of a certificate below it.</summary>
    public const string CaNameConstraints = "ca-name-constraints";

    /// <summary>A Secret whose kubernetes.io/tls layout is not what cert-manager writes (a key missing, the root in tls.crt, ...).</summary>
    public const string TlsSecretLayout = "tls-secret-layout";

    /// <summary>A certificate that is not the one expected (not matching a key, not issued by the expected anchor).</summary>
    public const string CertificateMismatch = "certificate-mismatch";

    /// <summary>Certificate text that Linkerd cannot read (pkg/tls DecodePEMCertificates fails or finds no certificate).</summary>
    public const string LinkerdPemUnreadable = "linkerd-pem-unreadable";

    /// <summary>Certificate text that Linkerd reads only in part: it stops at a block of another kind or passes over a block.</summary>
    public const string LinkerdPemPartial = "linkerd-pem-partial";

    /// <summary>An operator paused anchor rotation; phases do not advance.</summary>
    public const string RotationPaused = "rotation-paused";

    /// <summary>A rotation cannot finish before the retiring anchor expires at its current pace.</summary>
    public const string RotationStalled = "rotation-stalled";

    /// <summary>Stored rotation state that contradicts itself (three different anchors, an issuer under an unknown anchor).</summary>
    public const string RotationStateInconsistent = "rotation-state-inconsistent";

    /// <summary>The anchor is missing while issuers or bundles depend on it.</summary>
    public const string AnchorMissing = "anchor-missing";

    /// <summary>An anchor is stored without the key the next step needs.</summary>
    public const string AnchorKeyMissing = "anchor-key-missing";

    /// <summary>An anchor has expired; it was removed from the bundles, and pods that trusted only it lose trust.</summary>
    public const string AnchorExpired = "anchor-expired";

    /// <summary>Another controller (a cert-manager Certificate) owns the issuer.</summary>
    public const string IssuerOwnedElsewhere = "issuer-owned-elsewhere";

    /// <summary>A trust bundle holds an anchor that rotation does not manage; it is kept until it expires.</summary>
    public const string BundleUnmanagedAnchor = "bundle-unmanaged-anchor";
}
