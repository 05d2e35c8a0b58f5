BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    $modulePath = Get-ModulePath
    Import-Module $modulePath -Force
    $commands = Get-Command -Module LightSerNet
}

Describe 'The module folder' {
    It 'has a valid manifest whose exported cmdlets are exactly the ones the dll defines' {
        $manifest = Test-ModuleManifest (Join-Path $modulePath 'LightSerNet.psd1')
        $manifest.Version | Should -Be ([version]'0.1.0')
        ($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be ($commands.Name | Sort-Object)
    }

    It 'ships no pdb, deps.json or runtimeconfig files' {
        Get-ChildItem $modulePath -Recurse -Include *.pdb, *.deps.json, *.runtimeconfig.json | Should -BeNullOrEmpty
    }

    It 'holds format, type and about help files that load' {
        Join-Path $modulePath 'LightSerNet.format.ps1xml' | Should -Exist
        Join-Path $modulePath 'LightSerNet.types.ps1xml' | Should -Exist
        (Get-Help about_LightSerNet | Out-String) | Should -Match 'ConvertTo-Segment'
    }

    It 'imports again, and in parallel runspaces' {
        Import-Module $modulePath -Force
        $counts = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            (Get-Command -Module LightSerNet).Count
        }
        $counts | Should -Be @($commands.Count, $commands.Count)
    }
}

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    # Every exported cmdlet gets the same checks, so a new one cannot ship without help.
    $cmdletCases = Get-Command -Module LightSerNet -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

Describe 'Cmdlet <Name>' -ForEach $cmdletCases {
    BeforeAll { $command = Get-Command $Name; $help = Get-Help $Name -Full }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $command.Verb
    }

    It 'declares its output type' {
        $command.OutputType.Type | Should -Not -BeNullOrEmpty
    }

    It 'has a synopsis, a description and examples' {
        $help.Synopsis | Should -Not -Match "^\s*$Name"
        ($help.description | Out-String).Trim().Length | Should -BeGreaterThan 100
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $parameter
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
        }
    }
}
