using System.Text;

namespace Trust.Cli.Tests;

/// <summary>Inputs are read with a bound whatever they are, '-' is standard input, and I/O failures are our own one line.</summary>
public class InputOutputTests
{
    private static CliResult RunWithInput(byte[] input, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = TrustCli.Run(args, stdout, stderr, TestClock.At(TestClock.Epoch), () => new MemoryStream(input));
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_dash_reads_standard_input()
    {
        var anchor = Pki.Anchor();
        var run = RunWithInput(Encoding.UTF8.GetBytes(anchor.Pem), "fingerprint", "-");
        Assert.Equal(0, run.Exit);
        Assert.Equal(anchor.Certificate.Fingerprint, run.Out.Trim());
    }

    [Fact]
    public void Standard_input_is_read_once_and_named_as_such_in_errors()
    {
        var anchor = Pki.Anchor();
        var twice = RunWithInput(Encoding.UTF8.GetBytes(anchor.Pem), "check", "--anchors", "-", "--issuer", "-");
        Assert.Equal(2, twice.Exit);
        Assert.Equal("trust: -: standard input can be read only once; name the other inputs as files", Assert.Single(twice.ErrLines));
        var empty = RunWithInput([], "inspect", "-");
        Assert.Equal(2, empty.Exit);
        Assert.StartsWith("trust: standard input: ", Assert.Single(empty.ErrLines));
    }

    [LinuxFact]
    public void An_endless_device_is_refused_at_the_bound_not_read_forever()
    {
        var run = CliRun.Run("inspect", "/dev/zero");
        Assert.Equal(2, run.Exit);
        Assert.Equal("trust: /dev/zero: input is larger than the limit of 268,435,456 bytes", Assert.Single(run.ErrLines));
    }

    [Fact]
    public void A_stream_past_the_bound_is_refused_and_one_at_the_bound_is_read()
    {
        Assert.Equal(10, Files.InputFile.ReadBounded(new MemoryStream(new byte[10]), 10, "x").Length);
        var unseekable = new BufferedStream(new NonSeekable(new byte[3 << 20]));
        Assert.Equal(3 << 20, Files.InputFile.ReadBounded(unseekable, 3 << 20, "x").Length);
        var e = Assert.Throws<TrustInputException>(() => Files.InputFile.ReadBounded(new NonSeekable(new byte[(3 << 20) + 1]), 3 << 20, "pipe"));
        Assert.Equal("pipe: input is larger than the limit of 3,145,728 bytes", e.Message);
    }

    [LinuxFact]
    public void Write_failures_name_the_users_path_in_our_words()
    {
        using var dir = new TempDir();
        var file = dir.Write("plain.txt", "x");
        var run = CliRun.Run("init", "--dir", Path.Combine(file, "pki"));
        Assert.Equal(2, run.Exit);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith($"trust: {file}", line);
        Assert.DoesNotContain("_", line.Replace(dir.Path, "")); // no runtime resource key such as IO_FileExists_Name
        Assert.DoesNotContain(".tmp", line);
    }

    private sealed class NonSeekable(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4096));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
