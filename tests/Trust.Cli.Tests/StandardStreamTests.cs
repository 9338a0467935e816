using System.IO.Pipes;
using Trust.Cli;
using Trust.Tests.Support;

namespace Trust.Cli.Tests;

/// <summary>The CLI's standard output stream keeps the console's semantics that scripts depend on.</summary>
public class StandardStreamTests
{
    [LinuxFact]
    public void Writes_advance_the_shared_offset_so_later_writers_append()
    {
        using var dir = new TempDir();
        var path = dir["out.txt"];
        using (var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write))
        {
            new StandardStream((int)handle.DangerousGetHandle()).Write("first\n"u8);
            // Like a shell's next command on the same descriptor: starts at the descriptor's offset.
            using var next = new FileStream(handle, FileAccess.Write, 1);
            next.Write("second\n"u8);
        }
        Assert.Equal("first\nsecond\n", File.ReadAllText(path));
    }

    [LinuxFact]
    public void A_reader_that_has_gone_away_ends_output_quietly()
    {
        using var reader = new AnonymousPipeServerStream(PipeDirection.In);
        using var writeEnd = reader.ClientSafePipeHandle;
        var stream = new StandardStream((int)writeEnd.DangerousGetHandle());
        stream.Write("seen\n"u8);
        var buffer = new byte[5];
        reader.ReadExactly(buffer);
        Assert.Equal("seen\n"u8.ToArray(), buffer);
        reader.Dispose();
        stream.Write(new byte[100_000]); // EPIPE: no exception
        stream.Write("more\n"u8);
    }

    [LinuxFact]
    public async Task Large_writes_arrive_whole_through_a_pipe()
    {
        var data = new byte[1 << 20];
        new Random(7).NextBytes(data);
        using var reader = new AnonymousPipeServerStream(PipeDirection.In);
        using var writeEnd = reader.ClientSafePipeHandle;
        var received = new MemoryStream();
        var drain = Task.Run(() => reader.CopyTo(received));
        new StandardStream((int)writeEnd.DangerousGetHandle()).Write(data);
        writeEnd.Dispose();
        reader.DisposeLocalCopyOfClientHandle();
        await drain.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(data, received.ToArray());
    }

    [LinuxFact]
    public void Other_write_errors_are_reported()
    {
        using var dir = new TempDir();
        var path = dir["read-only.txt"];
        File.WriteAllText(path, "x");
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        var e = Assert.Throws<IOException>(() => new StandardStream((int)handle.DangerousGetHandle()).Write("x"u8));
        Assert.Contains("descriptor", e.Message);
    }
}
