[CmdletBinding()]
Param(
    [Parameter(Position=0,Mandatory=$false,ValueFromRemainingArguments=$true)]
    [string[]]$BuildArguments
)

# Bootstrap (NUKE's layout), the PowerShell twin of build.sh: runs the compiled build directly when nothing it
# is compiled from has changed since the last compile (same stamp file as build.sh), otherwise compiles it first.
Set-StrictMode -Version 2.0; $ErrorActionPreference = "Stop"; $ConfirmPreference = "None"; trap { Write-Error $_ -ErrorAction Continue; exit 1 }

###########################################################################
# CONFIGURATION
###########################################################################

$BuildProjectFile = "$PSScriptRoot/build/_build.csproj"
$TempDirectory = "$PSScriptRoot/.nuke/temp"

$DotNetGlobalFile = "$PSScriptRoot/global.json"
$DotNetInstallUrl = "https://dot.net/v1/dotnet-install.ps1"
$DotNetChannel = "STS"

###########################################################################
# EXECUTION
###########################################################################

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1

# Published ReadyToRun by Invoke-Compile; the tests' `dotnet build` writes build/bin/Debug and leaves it alone.
$BuildAssembly = "$PSScriptRoot/build/bin/ReadyToRun/_build.dll"
$StampFile = "$TempDirectory/build.stamp"
$PrivateDotNet = "$TempDirectory/dotnet-win/dotnet" + $(if ($env:OS -eq "Windows_NT") { ".exe" } else { "" })
New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null

function Get-Sources {
    $root = (Resolve-Path $PSScriptRoot).Path
    $files = @(Get-ChildItem -Path "$root/build" -Recurse -File -Include *.cs, *.csproj, *.props, *.targets, global.json) + @(Get-Item "$root/global.json" -ErrorAction SilentlyContinue)
    [string[]]$names = $files | Where-Object { $_ -and $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
        ForEach-Object { $_.FullName.Substring($root.Length + 1).Replace('\', '/') }
    [Array]::Sort($names, [StringComparer]::Ordinal)
    return $names
}

# The sources' contents, hashed (the same value as build.sh's): a fresh checkout (a CI job restoring the compiled
# build from its cache) has newer file times than the stamp but the same contents, and must not compile again.
function Get-ContentHash {
    $sha = [Security.Cryptography.SHA256]::Create()
    $lines = foreach ($name in @(Get-Sources)) {
        $hex = ([BitConverter]::ToString($sha.ComputeHash([IO.File]::ReadAllBytes("$PSScriptRoot/$name"))) -replace '-', '').ToLowerInvariant()
        "$hex  $name`n"
    }
    return ([BitConverter]::ToString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes(-join $lines))) -replace '-', '').ToLowerInvariant()
}

function Test-Current {
    if (!(Test-Path $BuildAssembly) -or !(Test-Path $StampFile)) { return $false }
    $sources = @(Get-Sources)
    if ((($sources -join "`n") + "`n") -cne [IO.File]::ReadAllText($StampFile)) { return $false }
    $stampTime = (Get-Item $StampFile).LastWriteTimeUtc
    if (-not ($sources | Where-Object { (Get-Item "$PSScriptRoot/$_").LastWriteTimeUtc -gt $stampTime } | Select-Object -First 1)) { return $true }
    if (!(Test-Path "$StampFile.sha256") -or (Get-ContentHash) -cne [IO.File]::ReadAllText("$StampFile.sha256").Trim()) { return $false }
    (Get-Item $StampFile).LastWriteTimeUtc = [DateTime]::UtcNow
    return $true
}

function Find-DotNet {
    if (Test-Path $PrivateDotNet) { return $PrivateDotNet }
    if ((Get-Command "dotnet" -ErrorAction SilentlyContinue) -and $(dotnet --version 2>&1 | Out-Null; $LASTEXITCODE -eq 0)) {
        return (Get-Command "dotnet").Source
    }
    # No fitting SDK (none, or not the one global.json pins): install one privately into .nuke/temp.
    $installFile = "$TempDirectory/dotnet-install.ps1"
    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
    (New-Object System.Net.WebClient).DownloadFile($DotNetInstallUrl, $installFile)
    $version = $null
    if (Test-Path $DotNetGlobalFile) { $version = (Get-Content $DotNetGlobalFile -Raw | ConvertFrom-Json).sdk.version }
    if ($version) { & $installFile -InstallDir "$TempDirectory/dotnet-win" -Version $version -NoPath }
    else { & $installFile -InstallDir "$TempDirectory/dotnet-win" -Channel $DotNetChannel -NoPath }
    return $PrivateDotNet
}

function Invoke-Compile {
    $env:DOTNET_EXE = Find-DotNet
    [Console]::Error.WriteLine("build.ps1: compiling $BuildProjectFile (.NET SDK $(& $env:DOTNET_EXE --version))")
    $stamp = "$StampFile.$PID"
    [IO.File]::WriteAllText($stamp, ((@(Get-Sources) -join "`n") + "`n"))
    [IO.File]::WriteAllText("$stamp.sha256", (Get-ContentHash) + "`n")
    # Published ReadyToRun (compiled ahead of time for this machine) into build/bin/ReadyToRun: no JIT at each start.
    $output = & $env:DOTNET_EXE publish $BuildProjectFile -c Debug -p:CompileReadyToRun=true /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet 2>&1
    if ($LASTEXITCODE -ne 0) { $output | Out-Host; Remove-Item $stamp, "$stamp.sha256"; exit $LASTEXITCODE }
    Move-Item -Force "$stamp.sha256" "$StampFile.sha256"
    Move-Item -Force $stamp $StampFile
}

if (!(Test-Current)) {
    # Several runs may start at once: one compiles, the others wait for it (build.sh uses flock on the same file).
    $lock = $null
    while (!$lock) {
        try { $lock = [IO.File]::Open("$TempDirectory/build.lock", 'OpenOrCreate', 'ReadWrite', 'None') }
        catch [IO.IOException] { Start-Sleep -Milliseconds 200 }
    }
    try { if (!(Test-Current)) { Invoke-Compile } } finally { $lock.Dispose() }
}

$dotnet = if (Test-Path $PrivateDotNet) { $PrivateDotNet } else { "dotnet" }
& $dotnet $BuildAssembly @BuildArguments
exit $LASTEXITCODE
