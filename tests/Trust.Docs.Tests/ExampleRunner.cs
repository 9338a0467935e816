using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Trust.Docs.Tests;

/// <summary>What compiling and running one example gave.</summary>
/// <param name="Errors">Compiler errors and warnings, one per line; empty when it compiled cleanly.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Exception">What it threw, or null.</param>
/// <param name="ExitCode">What its Main returned (0 for a void Main).</param>
public sealed record ExampleRun(IReadOnlyList<string> Errors, string Output, Exception? Exception, int ExitCode);

/// <summary>
/// Compiles an example as the Program.cs of a new console project that references the Trust package (implicit
/// usings and nullable on, as <c>dotnet new console</c> makes it), then runs it in a collectible load context with
/// standard output captured. The references are the shared framework, Trust.Core and what Trust.Core depends on:
/// nothing of the test's own packages, so an example cannot lean on xunit or a fake clock.
/// </summary>
public static class ExampleRunner
{
    // What the SDK writes into a console project's global usings when ImplicitUsings is enabled.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    // Console.Out is process-wide: one example runs at a time.
    private static readonly Lock ConsoleLock = new();

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = trusted.Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal)
            && path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        string[] package =
        [
            typeof(Trust.TrustInputException).Assembly.Location,
            typeof(System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo).Assembly.Location,
        ];
        return [.. framework.Concat(package).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    /// <summary>Compiles; returns the diagnostics that would show in a build (errors and warnings) and the image.</summary>
    public static (IReadOnlyList<string> Problems, byte[]? Image) Compile(string code, string name)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp14);
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(code, parse, path: "Program.cs"), CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "GlobalUsings.g.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable,
                // The SDK silences these two (assembly version unification) in every project.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        return (problems, emitted.Success ? image.ToArray() : null);
    }

    /// <summary>Compiles and, when it compiles cleanly, runs <paramref name="code"/>.</summary>
    public static ExampleRun Run(string code, string name)
    {
        var (problems, image) = Compile(code, name);
        if (problems.Count > 0 || image is null) return new ExampleRun(problems, "", null, -1);

        var context = new AssemblyLoadContext(name, isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image));
            var entry = assembly.EntryPoint ?? throw new InvalidOperationException("the example has no entry point");
            var output = new StringWriter { NewLine = "\n" };
            lock (ConsoleLock)
            {
                var previous = Console.Out;
                Console.SetOut(output);
                try
                {
                    var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                    var exitCode = result switch
                    {
                        int code2 => code2,
                        Task<int> task => task.GetAwaiter().GetResult(),
                        Task task => Await(task),
                        _ => 0,
                    };
                    return new ExampleRun([], output.ToString(), null, exitCode);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    return new ExampleRun([], output.ToString(), e.InnerException, -1);
                }
                catch (Exception e)
                {
                    return new ExampleRun([], output.ToString(), e, -1);
                }
                finally
                {
                    Console.Out.Flush();
                    Console.SetOut(previous);
                }
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static int Await(Task task)
    {
        task.GetAwaiter().GetResult();
        return 0;
    }
}
