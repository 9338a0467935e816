#!/usr/bin/env bash
# The packages from the outside, as users get them: packs Trust, Trust.Kubernetes and the tool Trust.Cli (pointer
# package + the Native AOT linux-x64 package) into a temporary folder, checks their metadata, restores `Trust` into a
# new console project that issues an anchor + issuer through the public API (openssl verifies them), installs the tool
# into a tool path and runs `trust init` + `trust check` from there, and runs the README's install block on a fresh HOME.
# Usage: tests/packages/run.sh [--no-build]   (--no-build: Trust.sln is already built in Release, and the linux-x64
#   publish profile already ran, as in .ci/run: the AOT package then reuses that native build instead of compiling again)
# Prints "packages: N passed, 0 failed". Needs dotnet, openssl, unzip or python3, and clang or gcc for the AOT package.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build=()
[ "${1:-}" = "--no-build" ] && build=(--no-build)
passed=0
ok() { passed=$((passed + 1)); echo "ok: $1"; }
exec 3>&2
fail() { echo "FAIL: $1" >&3; exit 1; }
pk="$work/packages"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/Directory.Build.props")

# Our own package ids, never from the global cache of an earlier pack of the same version (the test would pass on
# stale bytes).
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
for id in trust trust.kubernetes trust.cli trust.cli.linux-x64 trust.cli.any; do rm -rf "${cache:?}/$id/$version"; done

# The documented commands (README "Install"), into a temporary folder.
dotnet pack "$root/Trust.sln" -c Release -o "$pk" "${build[@]}" --nologo -v q >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&3; fail "dotnet pack Trust.sln"; }
dotnet pack "$root/src/Trust.Cli" -c Release -r linux-x64 -o "$pk" --nologo -v q >"$work/pack-aot.log" 2>&1 || { cat "$work/pack-aot.log" >&3; fail "dotnet pack -r linux-x64"; }
grep -qi "warn" "$work/pack.log" "$work/pack-aot.log" && { cat "$work/pack.log" "$work/pack-aot.log" >&3; fail "packing printed warnings"; }
for p in "Trust.$version.nupkg" "Trust.$version.snupkg" "Trust.Kubernetes.$version.nupkg" "Trust.Kubernetes.$version.snupkg" \
         "Trust.Cli.$version.nupkg" "Trust.Cli.linux-x64.$version.nupkg"; do
  [ -f "$pk/$p" ] || fail "$p was not produced (have: $(ls "$pk" | tr '\n' ' '))"
done
ok "dotnet pack makes Trust, Trust.Kubernetes (with .snupkg) and the tool Trust.Cli + Trust.Cli.linux-x64"

# Package contents and metadata, read from the .nupkg files themselves.
python3 - "$pk" "$version" <<'PY' || fail "package metadata"
import sys, zipfile, re
pk, version = sys.argv[1], sys.argv[2]
def nuspec(z):
    return z.read(next(n for n in z.namelist() if n.endswith(".nuspec"))).decode()
problems = []
for pid, lib in (("Trust", "Trust.Core"), ("Trust.Kubernetes", "Trust.Kubernetes")):
    z = zipfile.ZipFile(f"{pk}/{pid}.{version}.nupkg"); names = z.namelist(); spec = nuspec(z)
    for want in (f"lib/net10.0/{lib}.dll", f"lib/net10.0/{lib}.xml", "README.md"):
        if want not in names: problems.append(f"{pid}: no {want}")
    s = zipfile.ZipFile(f"{pk}/{pid}.{version}.snupkg").namelist()
    if f"lib/net10.0/{lib}.pdb" not in s: problems.append(f"{pid}: the .snupkg has no {lib}.pdb")
for pid in ("Trust", "Trust.Kubernetes", "Trust.Cli", "Trust.Cli.linux-x64"):
    spec = nuspec(zipfile.ZipFile(f"{pk}/{pid}.{version}.nupkg"))
    for pattern, what in ((r'<license type="expression">Apache-2\.0</license>', "license expression"),
                          (r"<readme>README\.md</readme>", "readme"),
                          (r'<repository type="git"[^>]* commit="[0-9a-f]{40}"', "repository type and commit"),
                          (rf"<version>{re.escape(version)}</version>", "version")):
        if not re.search(pattern, spec): problems.append(f"{pid}: no {what} in the nuspec")
tool = zipfile.ZipFile(f"{pk}/Trust.Cli.linux-x64.{version}.nupkg")
exe = [n for n in tool.namelist() if n.endswith("/linux-x64/trust")]
if not exe: problems.append("Trust.Cli.linux-x64: no trust executable")
elif tool.read(exe[0])[:4] != b"\x7fELF": problems.append("Trust.Cli.linux-x64: trust is not a native ELF executable")
extra = [n for n in tool.namelist() if n.endswith((".dll", ".dbg", ".pdb"))]
if extra: problems.append(f"Trust.Cli.linux-x64: more than the executable: {extra}")
if 'packageType name="DotnetTool"' not in nuspec(zipfile.ZipFile(f"{pk}/Trust.Cli.{version}.nupkg")): problems.append("Trust.Cli: not a DotnetTool package")
for p in problems: print("  " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
ok "each package: README, Apache-2.0 expression, git repository + commit, version $version; libraries with XML docs and symbols; the tool package is one native executable"

# A local folder as a package source next to the machine's default sources (the config chain keeps those); our ids come
# from the folder only (package source mapping), never from a registry that might hold a package of the same name.
# (Kept in its own folder: a nuget.config is read by every project below the folder it is in.)
mkdir -p "$work/config"
cat >"$work/config/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="trust-local" value="$pk" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="trust-local">
      <package pattern="Trust" />
      <package pattern="Trust.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML

# A consumer project, as a newcomer writes it: a console app with a PackageReference to Trust.
app="$work/consumer"; mkdir -p "$app"; cp "$work/config/nuget.config" "$app/"
cat >"$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Trust" Version="$version" />
  </ItemGroup>
</Project>
XML
cat >"$app/Program.cs" <<'CS'
using Trust.Identity;

// An anchor and an issuer through the package's public API, written where the test can hand them to openssl.
var dir = args[0];
IdentitySetResult result = IdentitySet.Create(new IdentitySetOptions { TrustDomain = "example.org" }, TimeProvider.System);
using var set = result.Set;
if (set is null)
{
    foreach (var finding in result.Report.Findings.Where(f => !f.Passed)) Console.Error.WriteLine($"{finding.Id}: {finding.Message}");
    return 1;
}
File.WriteAllText(Path.Combine(dir, "ca.crt"), set.AnchorPem);
File.WriteAllText(Path.Combine(dir, "issuer.crt"), set.IssuerPem);
File.WriteAllText(Path.Combine(dir, "issuer.key"), set.ExportIssuerKeyPem());
Console.WriteLine($"checks passed: {result.Report.Passed}; {set}");
return 0;
CS
mkdir -p "$work/issued"
(cd "$app" && dotnet run -c Release -- "$work/issued") >"$work/consumer.txt" 2>&1 || { cat "$work/consumer.txt" >&3; fail "the consumer project restores Trust from the folder and runs"; }
grep -q "checks passed: True" "$work/consumer.txt" || fail "the consumer's identity set passed its checks"
grep -q "CN=root.linkerd.example.org" "$work/consumer.txt" || fail "the consumer used the trust domain"
restored=$(find "$cache/trust/$version" -maxdepth 1 -name "*.nupkg" 2>/dev/null | head -1)
[ -n "$restored" ] && cmp -s "$restored" "$pk/Trust.$version.nupkg" || fail "the consumer restored the freshly packed Trust $version"
openssl verify -CAfile "$work/issued/ca.crt" "$work/issued/issuer.crt" >/dev/null || fail "openssl verifies the consumer's issuer against its anchor"
openssl pkey -in "$work/issued/issuer.key" -noout || fail "openssl reads the consumer's issuer key"
ok "a console project restores Trust $version from the folder, issues anchor + issuer; openssl verifies them"

# The tool, installed into a tool path from the folder: the native executable, not a framework-dependent shim.
tp="$work/tools"
dotnet tool install --tool-path "$tp" --configfile "$work/config/nuget.config" Trust.Cli --version "$version" >"$work/tool.txt" 2>&1 || { cat "$work/tool.txt" >&3; fail "dotnet tool install --tool-path"; }
exe=$(readlink -f "$tp/trust")
[ "$(head -c 4 "$exe" | od -An -c | tr -d ' ')" = '177ELF' ] || fail "the installed trust is a native executable ($exe)"
case "$exe" in */trust.cli.linux-x64/*) ;; *) fail "the installed trust comes from Trust.Cli.linux-x64 ($exe)";; esac
"$tp/trust" --version | grep -q "^$version" || fail "trust --version prints $version"
"$tp/trust" init --dir "$work/pki" >/dev/null || fail "trust init from the tool path"
[ "$(stat -c %a "$work/pki/ca.key")" = 600 ] || fail "the installed trust writes keys 0600"
"$tp/trust" check --anchors "$work/pki/ca.crt" --issuer "$work/pki/issuer.crt" --issuer-key "$work/pki/issuer.key" >/dev/null || fail "trust check accepts what trust init made"
openssl verify -CAfile "$work/pki/ca.crt" "$work/pki/issuer.crt" >/dev/null || fail "openssl verifies the installed tool's set"
ok "dotnet tool install --tool-path gets the native trust; trust init makes a set that trust check and openssl accept"

# The README's install block, as a newcomer runs it on a fresh HOME (no ~/.dotnet/tools, not on PATH), from the
# repository root: the two pack lines already ran above (into ./packages of a copy), the rest runs as written.
fresh="$work/fresh"; mkdir -p "$fresh/home" "$fresh/repo"; ln -s "$pk" "$fresh/repo/packages"
sed -n '/^## Install/,/^## /p' "$root/README.md" | sed -n '/^```sh$/,/^```$/p' | sed '/^```/d' | grep -v '^dotnet pack' >"$work/install.sh"
grep -q "dotnet tool install" "$work/install.sh" || fail "README install block not found"
(cd "$fresh/repo" && HOME="$fresh/home" DOTNET_CLI_HOME="$fresh/home" PATH="$(dirname "$(command -v dotnet)"):/usr/bin:/bin" bash -e "$work/install.sh") >"$work/readme.txt" 2>&1 || { cat "$work/readme.txt" >&3; fail "the README install block"; }
HOME="$fresh/home" PATH="/usr/bin:/bin" bash -c 'source ~/.bashrc && trust --version' | grep -q "^$version" || fail "trust on PATH in a new shell after the README install block"
ok "the README install block on a fresh HOME puts the native trust $version on PATH"

echo "packages: $passed passed, 0 failed"
