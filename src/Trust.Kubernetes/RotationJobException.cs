namespace Trust.Kubernetes;

/// <summary>
/// The job could not talk to a cluster as it needs to: no usable kubeconfig or context, an API error that retries did
/// not cure, a forbidden request. The message is one line for people (the API server's own message where there is one).
/// </summary>
public sealed class RotationJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the object or setting and the problem.</param>
    /// <param name="inner">The client's exception, if any.</param>
    public RotationJobException(string message, Exception? inner = null) : base(message, inner) { }
}
