using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Trust.Tests.Support;

/// <summary>DER of a self-signed certificate made by .NET, not parsed by us (for extensions our parser must refuse).</summary>
public static class ExtensionCertificate
{
    public static byte[] WithExtension(string oid, byte[] value, bool critical = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=raw", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509Extension(oid, value, critical));
        using var cert = request.CreateSelfSigned(Pki.Now.AddMinutes(-1), Pki.Now.AddDays(1));
        return cert.RawData;
    }
}
