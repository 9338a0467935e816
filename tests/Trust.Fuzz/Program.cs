using SharpFuzz;
using Trust.Fuzz;

// trust-fuzz TARGET               serve afl-fuzz (SharpFuzz out-of-process mode: a crash of the target process is a crash)
// trust-fuzz TARGET --libfuzzer   serve libfuzzer-dotnet
// trust-fuzz TARGET PATH...       run each file (or each file of each folder) once and print what escapes: triage
// See docs/testing.md, "Fuzzing".
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Trust.Fuzz TARGET [--libfuzzer | PATH...]; TARGET is one of {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}
var target = args[0];
if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.Run(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}
if (args is [_, "--libfuzzer"])
{
    Fuzzer.LibFuzzer.Run(input => FuzzTargets.Run(target, input));
    return 0;
}
var failed = 0;
var files = args.Skip(1).SelectMany<string, string>(path => Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order() : [path]).ToList();
foreach (var file in files)
{
    try
    {
        FuzzTargets.Run(target, File.ReadAllBytes(file));
    }
    catch (Exception e)
    {
        failed++;
        Console.WriteLine($"{file}: {e}");
    }
}
Console.WriteLine($"{target}: {files.Count} input(s), {failed} failed");
return failed == 0 ? 0 : 1;
