using Trust.Findings;

namespace Trust.Identity;

/// <summary>Linkerd's trust domain (<c>identityTrustDomain</c>): a DNS-1123 subdomain, as <c>linkerd install</c> requires.</summary>
public static class TrustDomain
{
    /// <summary>Linkerd's default trust domain.</summary>
    public const string Default = "cluster.local";

    /// <summary>
    /// Why <paramref name="domain"/> is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.'; labels of 1 to
    /// 63 characters that start and end with a letter or digit; at most 253 characters), or null when it is.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public static Finding? Check(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var problem = domain.Length switch
        {
            0 => "is empty",
            > 253 => $"is {domain.Length} characters long; the limit is 253",
            _ => LabelProblem(domain),
        };
        return problem is null ? null : new Finding(FindingIds.TrustDomainInvalid,
            $"trust domain '{Printable(domain)}' {problem}; it must be a DNS-1123 subdomain such as cluster.local",
            new Remedy(RemedyAction.FixInput, "use lowercase letters, digits, '-' and '.', as in cluster.local"));
    }

    private static string? LabelProblem(string domain)
    {
        foreach (var label in domain.Split('.'))
        {
            if (label.Length == 0) return "has an empty label";
            if (label.Length > 63) return $"has a label of {label.Length} characters; the limit is 63";
            foreach (var c in label)
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                    return c is >= 'A' and <= 'Z' ? "has uppercase letters" : $"has the character '{Printable(c.ToString())}'";
            if (label[0] == '-' || label[^1] == '-') return $"has a label '{label}' that starts or ends with '-'";
        }
        return null;
    }

    private static string Printable(string text)
    {
        var chars = text.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        var printable = new string(chars);
        return printable.Length > 80 ? printable[..80] + "…" : printable;
    }
}
