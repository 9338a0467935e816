namespace Trust.Tests.Support;

/// <summary>A private temporary folder, removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trust-tests-" + Guid.NewGuid().ToString("N")));
    public string Path { get; }
    public string this[string name] => System.IO.Path.Combine(Path, name);
    public string Write(string name, string text) { File.WriteAllText(this[name], text); return this[name]; }
    public string Write(string name, byte[] bytes) { File.WriteAllBytes(this[name], bytes); return this[name]; }
    public IEnumerable<string> Files() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order();
    public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
}
