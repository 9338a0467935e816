namespace Trust.Validation;

/// <summary>Where a certificate authority stands in a chain.</summary>
public enum CaRole
{
    /// <summary>A trust anchor: the root the verifier trusts directly.</summary>
    Anchor,

    /// <summary>An intermediate CA (such as Linkerd's identity issuer) between an anchor and the leaf.</summary>
    Intermediate,
}
