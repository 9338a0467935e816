namespace Trust.Findings;

/// <summary>The kinds of fix a <see cref="Remedy"/> proposes. Values may be added; none is renamed or removed.</summary>
public enum RemedyAction
{
    /// <summary>Correct the input named by the finding (its text says how).</summary>
    FixInput,

    /// <summary>Give the password of an encrypted private key.</summary>
    ProvidePassword,

    /// <summary>Give the private key that belongs to the certificate.</summary>
    ProvideMatchingKey,

    /// <summary>Store the issuer key unencrypted (Linkerd cannot read encrypted keys); protect it as a Secret instead.</summary>
    DecryptKey,

    /// <summary>Create a new trust anchor.</summary>
    CreateAnchor,

    /// <summary>Create (or renew) the identity issuer from a trust anchor in the bundle.</summary>
    CreateIssuer,

    /// <summary>Rotate the trust anchor: publish a new anchor beside the old one, then switch the issuer to it.</summary>
    RotateAnchor,

    /// <summary>Remove expired certificates from the trust bundle.</summary>
    RemoveExpiredAnchors,

    /// <summary>Rewrite the PEM text in the form Linkerd reads (only CERTIFICATE blocks, LF, one trailing newline).</summary>
    RewritePem,

    /// <summary>Give the issuer a subject distinct from every anchor's.</summary>
    UseDistinctSubject,

    /// <summary>Use a key algorithm Linkerd accepts (ECDSA P-256; RSA 2048/4096 for anchors).</summary>
    UseSupportedAlgorithm,

    /// <summary>Leave extendedKeyUsage off CA certificates, or allow serverAuth and clientAuth.</summary>
    FixExtendedKeyUsage,

    /// <summary>Use path lengths that leave room for the certificates below (anchor pathlen >= 1, issuer >= 0).</summary>
    FixPathLength,

    /// <summary>Sign with a certificate authority that is allowed to sign (CA, keyCertSign, valid, path length).</summary>
    UseSigningCa,

    /// <summary>Choose a validity window that is non-empty and inside the signer's.</summary>
    FixValidity,

    /// <summary>Restart the meshed workloads and the identity controller so they read the current trust bundle.</summary>
    RestartWorkloads,

    /// <summary>Restore the anchor (certificate and key) from its backup.</summary>
    RestoreAnchor,

    /// <summary>Leave the issuer to the controller that owns it, or take it over explicitly.</summary>
    TakeOverIssuer,

    /// <summary>Resume the paused rotation.</summary>
    ResumeRotation,
}
