using System.Management.Automation;
using LightSerNet.PowerShell.Errors;

namespace LightSerNet.PowerShell.Input;

/// <summary>
/// Turns -Path (wildcards) and -LiteralPath arguments into file-system paths through the provider, as
/// built-in cmdlets do, so PSDrives, relative paths and FileInfo objects piped by property name all work.
/// Paths that resolve to nothing become non-terminating errors.
/// </summary>
internal static class FileInputs
{
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[]? paths, bool literal)
    {
        foreach (var path in paths ?? [])
        {
            foreach (var resolved in ResolveOne(cmdlet, path, literal))
                yield return resolved;
        }
    }

    private static List<string> ResolveOne(PSCmdlet cmdlet, string path, bool literal)
    {
        var files = new List<string>();
        try
        {
            ProviderInfo provider;
            if (literal)
            {
                string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
                if (IsFileSystem(cmdlet, provider, path))
                {
                    if (File.Exists(resolved))
                        files.Add(resolved);
                    else
                        WriteMissing(cmdlet, path, resolved);
                }
            }
            else
            {
                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                if (IsFileSystem(cmdlet, provider, path))
                {
                    foreach (var item in resolved)
                    {
                        if (File.Exists(item))
                            files.Add(item);
                        else
                            WriteMissing(cmdlet, path, item);
                    }
                }
            }
        }
        catch (ItemNotFoundException e)
        {
            cmdlet.WriteError(new ErrorRecord(e, SerErrors.PathNotFound, ErrorCategory.ObjectNotFound, path));
        }
        return files;
    }

    private static bool IsFileSystem(PSCmdlet cmdlet, ProviderInfo provider, string path)
    {
        if (provider.Name == "FileSystem")
            return true;
        cmdlet.WriteError(SerErrors.Create($"'{path}' is on the {provider.Name} provider; audio must come from the file system.",
            SerErrors.NotAFileSystemPath, ErrorCategory.InvalidArgument, path));
        return false;
    }

    private static void WriteMissing(PSCmdlet cmdlet, string path, string resolved)
    {
        if (Directory.Exists(resolved))
        {
            cmdlet.WriteError(SerErrors.Create($"'{resolved}' is a folder, not a WAV file; pass its files, e.g. Get-ChildItem '{resolved}' -Filter *.wav.",
                SerErrors.PathIsFolder, ErrorCategory.InvalidArgument, path));
            return;
        }
        cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find the file '{resolved}'.", resolved),
            SerErrors.PathNotFound, ErrorCategory.ObjectNotFound, path));
    }

    /// <summary>Resolves exactly one existing file or folder, for parameters such as Import-SerDataset -Path.</summary>
    public static string? ResolveSingle(PSCmdlet cmdlet, string path, bool literal)
    {
        try
        {
            string resolved;
            ProviderInfo provider;
            if (literal)
            {
                resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            else
            {
                var all = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                if (all.Count != 1)
                {
                    cmdlet.WriteError(SerErrors.Create($"'{path}' matches {all.Count} items; give exactly one.",
                        SerErrors.PathNotFound, ErrorCategory.InvalidArgument, path));
                    return null;
                }
                resolved = all[0];
            }
            return IsFileSystem(cmdlet, provider, path) ? resolved : null;
        }
        catch (ItemNotFoundException e)
        {
            cmdlet.WriteError(new ErrorRecord(e, SerErrors.PathNotFound, ErrorCategory.ObjectNotFound, path));
            return null;
        }
    }
}
