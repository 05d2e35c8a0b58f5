<#
.SYNOPSIS
    Writes MAML help (en-US/LightSerNet.PowerShell.dll-Help.xml) for the staged module from the cmdlets' XML
    documentation comments and their real parameter metadata.
.DESCRIPTION
    The C# doc comments are the single source of help text: <summary> is the synopsis, <remarks> the
    description, each property's <summary> its parameter help, <example> blocks the examples. Syntax,
    types, positions, aliases and pipeline input come from Get-Command, so they cannot drift from the code.
    The build fails when a cmdlet, a parameter or an example is undocumented.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocFile
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath

# The cmdlets' file plus the engine assemblies' files beside it (for the output types' descriptions).
$members = @{}
foreach ($file in Get-ChildItem -LiteralPath (Split-Path $DocFile) -Filter 'LightSerNet.*.xml') {
    $docs = [xml](Get-Content -LiteralPath $file.FullName -Raw)
    foreach ($member in $docs.doc.members.member) { $members[$member.name] = $member }
}

function Get-Paragraphs([System.Xml.XmlNode] $node, [string] $child) {
    if ($null -ne $node -and $child) { $node = $node.SelectSingleNode($child) }
    if ($null -eq $node) { return @() }
    $text = ($node.InnerXml -replace '<para>', "`n" -replace '</para>', "`n" -replace '<[^>]+>', '')
    $text = [System.Net.WebUtility]::HtmlDecode($text)
    $paragraphs = $text -split "\n\s*\n" | ForEach-Object { ($_ -replace '\s+', ' ').Trim() } | Where-Object { $_ }
    return @($paragraphs)
}

$missing = [System.Collections.Generic.List[string]]::new()
$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$module = Import-Module $ModulePath -PassThru -Force
$commands = Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name

$ns = @{
    maml = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$target = Join-Path $ModulePath 'en-US' 'LightSerNet.PowerShell.dll-Help.xml'
New-Item -ItemType Directory -Force -Path (Split-Path $target) | Out-Null
$temp = "$target.tmp"
$w = [System.Xml.XmlWriter]::Create($temp, $settings)

function Write-Paras([string[]] $paragraphs) {
    if (-not $paragraphs) { $paragraphs = @('') }
    foreach ($p in $paragraphs) { $w.WriteElementString('maml', 'para', $ns.maml, $p) }
}

function Get-PipelineText($attributes) {
    $kinds = @()
    if ($attributes | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attributes | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($command, $parameter, $attribute, [string[]] $help) {
    $type = $parameter.ParameterType
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', ([string]$attribute.Mandatory).ToLowerInvariant())
    $w.WriteAttributeString('variableLength', ([string]$type.IsArray).ToLowerInvariant())
    $globbing = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $w.WriteAttributeString('globbing', ([string]$globbing).ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', (Get-PipelineText @($attribute)))
    $w.WriteAttributeString('position', $(if ($attribute.Position -ge 0) { [string]$attribute.Position } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $parameter.Name)
    $w.WriteStartElement('maml', 'description', $ns.maml); Write-Paras $help; $w.WriteEndElement()
    if ($type -ne [System.Management.Automation.SwitchParameter]) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', 'true')
        $w.WriteAttributeString('variableLength', ([string]$type.IsArray).ToLowerInvariant())
        $w.WriteString($type.Name)
        $w.WriteEndElement()
    }
    $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
    if ($element.IsEnum) {
        $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($value in [Enum]::GetNames($element)) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString($value); $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $type.FullName); $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, (Get-DefaultText $command $parameter $attribute))
    $w.WriteEndElement()
}

# A fresh cmdlet object holds each parameter's default, so the help shows what the code really uses.
function Get-DefaultText($command, $parameter, $attribute) {
    if ($attribute.Mandatory) { return 'None' }
    $value = $command.ImplementingType.GetProperty($parameter.Name).GetValue([Activator]::CreateInstance($command.ImplementingType))
    if ($null -eq $value -or ($value -is [array] -and $value.Count -eq 0) -or ($value -is [string] -and $value -eq '')) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
    if ($value -is [array]) { return $value -join ', ' }
    return [string]$value
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($command in $commands) {
    $typeName = $command.ImplementingType.FullName
    $typeDoc = $members["T:$typeName"]
    $synopsis = Get-Paragraphs $typeDoc 'summary'
    $description = Get-Paragraphs $typeDoc 'remarks'
    $examples = if ($typeDoc) { @($typeDoc.SelectNodes('example')) } else { @() }
    if (-not $synopsis) { $missing.Add("$($command.Name): no <summary>") }
    if (-not $description) { $missing.Add("$($command.Name): no <remarks>") }
    if (-not $examples) { $missing.Add("$($command.Name): no <example>") }

    $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters } | Sort-Object Name
    $parameterHelp = @{}
    foreach ($parameter in $parameters) {
        # Parameters shared through a base class (e.g. -Path, -LiteralPath) are documented where they are declared.
        $declaring = $command.ImplementingType.GetProperty($parameter.Name).DeclaringType.FullName
        $help = Get-Paragraphs $members["P:$declaring.$($parameter.Name)"] 'summary'
        if (-not $help) { $missing.Add("$($command.Name) -$($parameter.Name): no <summary>") }
        $parameterHelp[$parameter.Name] = $help
    }

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $command.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $command.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $command.Noun)
    $w.WriteStartElement('maml', 'description', $ns.maml); Write-Paras $synopsis; $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $ns.maml); Write-Paras $description; $w.WriteEndElement()

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $command.Name)
        foreach ($p in ($set.Parameters | Where-Object { $_.Name -notin $commonParameters } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } }, Name)) {
            $parameter = $command.Parameters[$p.Name]
            $attribute = [pscustomobject]@{ Mandatory = $p.IsMandatory; Position = $p.Position; ValueFromPipeline = $p.ValueFromPipeline; ValueFromPipelineByPropertyName = $p.ValueFromPipelineByPropertyName }
            Write-Parameter $command $parameter $attribute $parameterHelp[$p.Name]
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($parameter in $parameters) {
        $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $attribute = [pscustomobject]@{
            Mandatory = [bool]($attributes | Where-Object Mandatory)
            Position = ($attributes | ForEach-Object Position | Sort-Object -Descending | Select-Object -First 1)
            ValueFromPipeline = [bool]($attributes | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
        }
        Write-Parameter $command $parameter $attribute $parameterHelp[$parameter.Name]
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'inputTypes', $ns.command)
    $pipelineTypes = $parameters | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } }
    foreach ($parameter in $pipelineTypes) {
        $w.WriteStartElement('command', 'inputType', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $parameter.ParameterType.FullName); $w.WriteEndElement()
        $w.WriteStartElement('maml', 'description', $ns.maml); Write-Paras @("Binds to -$($parameter.Name).") ; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($output in $command.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $output.Name); $w.WriteEndElement()
        $w.WriteStartElement('maml', 'description', $ns.maml); Write-Paras (Get-Paragraphs $members["T:$($output.Name)"] 'summary'); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in $examples) {
        $number++
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- Example $number --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, $example.SelectSingleNode('code').InnerText.Trim())
        $remarks = @($example.SelectNodes('para') | ForEach-Object { Get-Paragraphs $_ })
        $w.WriteStartElement('dev', 'remarks', $ns.dev); Write-Paras $remarks; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
    $w.WriteElementString('maml', 'linkText', $ns.maml, 'about_LightSerNet')
    $w.WriteEndElement(); $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()

if ($missing.Count) {
    Remove-Item -LiteralPath $temp
    throw "Help is missing in the cmdlets' XML documentation:`n  $($missing -join "`n  ")"
}
Move-Item -LiteralPath $temp -Destination $target -Force
Write-Host "Wrote help for $($commands.Count) cmdlets to $target"
