namespace Trust.Cli.Tests;

/// <summary>A fact about Linux-only code: reported as skipped elsewhere, never silently passed.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only: the code under test runs on Linux only";
    }
}

/// <summary>A theory about Linux-only code: reported as skipped elsewhere, never silently passed.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only: the code under test runs on Linux only";
    }
}
