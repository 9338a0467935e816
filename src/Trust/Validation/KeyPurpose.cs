namespace Trust.Validation;

/// <summary>The extended key usage a chain must allow.</summary>
public enum KeyPurpose
{
    /// <summary>TLS server authentication (Go's default when no usage is given, and what Linkerd's issuer check uses).</summary>
    Server,
    /// <summary>TLS client authentication.</summary>
    Client,
    /// <summary>No usage requirement.</summary>
    Any,
}
