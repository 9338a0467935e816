namespace Trust.Validation;

/// <summary>How bad a failed check is, in Linkerd's terms.</summary>
public enum CheckSeverity
{
    /// <summary>Linkerd stops (the control plane cannot start or the check aborts).</summary>
    Fatal,
    /// <summary>Linkerd reports an error.</summary>
    Error,
    /// <summary>Linkerd warns; the set still works.</summary>
    Warning,
}
