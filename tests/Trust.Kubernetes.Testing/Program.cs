using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Kubernetes.Testing;

// Standalone: serve a fake API server until SIGINT or SIGTERM, for benchmarks that run the client in another process.
//   dotnet run --project tests/Trust.Kubernetes.Testing -- --kubeconfig PATH [--pods N] [--namespace NS] [--cert-manager]
string? kubeconfig = null;
var pods = 0;
var ns = "default";
var certManager = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--kubeconfig" when i + 1 < args.Length: kubeconfig = args[++i]; break;
        case "--pods" when i + 1 < args.Length && int.TryParse(args[i + 1], out pods) && pods >= 0: i++; break;
        case "--namespace" when i + 1 < args.Length: ns = args[++i]; break;
        case "--cert-manager": certManager = true; break;
        default:
            Console.Error.WriteLine($"fake-apiserver: unexpected argument '{args[i]}'; usage: --kubeconfig PATH [--pods N] [--namespace NS] [--cert-manager]");
            return 2;
    }
}
if (kubeconfig is null)
{
    Console.Error.WriteLine("fake-apiserver: --kubeconfig PATH is required");
    return 2;
}

await using var server = await FakeApiServer.StartAsync(new FakeApiOptions { ServeCertManager = certManager });
if (pods > 0) server.AddMeshedPods(ns, pods, TrustAnchorsPem());
var written = server.WriteKubeconfig(kubeconfig, "fake", ns);
Console.WriteLine($"listening on {server.BaseAddress} (kubeconfig {written}, {pods} meshed pods in {ns})");

var stop = new TaskCompletionSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stop.Task;
Console.WriteLine($"stopping after {server.Requests.Count} requests");
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

// A throwaway self-signed anchor, so the pods' env holds real PEM.
static string TrustAnchorsPem()
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = new CertificateRequest("CN=root.linkerd.cluster.local", key, HashAlgorithmName.SHA256);
    request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
    using var anchor = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddYears(10));
    return anchor.ExportCertificatePem() + "\n";
}
