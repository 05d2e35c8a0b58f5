# The committed results: each file holds what issue 11 asks of it, its figures follow from its own per-item
# predictions, and README.md's table is what examples/Format-SerResults.ps1 makes of them.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    $files = @(Get-ChildItem -Path (Join-Path (Get-RepoRoot) 'results/*.json') | ForEach-Object { @{ File = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestAudio.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $root = Get-RepoRoot
}

Describe 'Committed results' {
    It 'include the paper protocol with CE and focal loss and the speaker-independent protocol' {
        foreach ($name in 'emodb-reference-ce', 'emodb-reference-focal', 'emodb-loso-ce') {
            Join-Path $root "results/$name.json" | Should -Exist
        }
        $selections = @((Get-Content -LiteralPath (Join-Path $root 'results/emodb-loso-ce.json') -Raw | ConvertFrom-Json).runs.selection)
        $selections | Should -Contain 'Last'
        $selections | Should -Contain 'InnerValidation'
    }

    It 'README.md shows every row of the results table' {
        $readme = Get-Content -LiteralPath (Join-Path $root 'README.md')
        $table = & (Join-Path $root 'examples/Format-SerResults.ps1') -Markdown
        $table.Count | Should -BeGreaterThan 2
        foreach ($row in $table) { $readme | Should -Contain $row }
    }
}

Describe 'Results file <File.Name>' -ForEach $files {
    BeforeAll {
        $runs = @((Get-Content -LiteralPath $File.FullName -Raw | ConvertFrom-Json).runs)
        # The engine's metrics over [id, label, predicted] items, as training computed them.
        function Get-Metrics([string[]] $Labels, [object[]] $Items) {
            [LightSerNet.Evaluation.ClassificationMetrics]::FromNames(
                $Labels, [string[]] @($Items | ForEach-Object { $_[1] }), [string[]] @($Items | ForEach-Object { $_[2] }))
        }
    }

    It 'lists complete runs with their protocol, configuration, versions and wall time' {
        $runs.Count | Should -BeGreaterThan 0
        foreach ($run in $runs) {
            foreach ($key in 'protocol', 'loss', 'selection', 'epochs', 'schedule', 'ua', 'wa', 'f1', 'folds',
                'confusion_matrix', 'labels', 'config', 'versions', 'wall_seconds', 'data_hash') {
                $run.PSObject.Properties.Name | Should -Contain $key -Because "$($run.selection) needs $key"
            }
            $run.folds_completed | Should -Be $run.folds_planned
            @($run.folds).Count | Should -Be $run.folds_planned
            $run.wall_seconds | Should -BeGreaterThan 0
        }
    }

    It 'has pooled and per-fold UA and WA that its test predictions give, and the matching confusion matrix' {
        foreach ($run in $runs) {
            $items = @($run.folds | ForEach-Object { $_.test })
            $items.Count | Should -Be $run.count
            @($items | ForEach-Object { $_[0] } | Sort-Object -Unique).Count | Should -Be $items.Count -Because 'each clip is tested once'
            $pooled = Get-Metrics $run.labels $items
            [math]::Round(100 * $pooled.UnweightedAccuracy, 2) | Should -Be $run.ua -Because "$($run.selection) pooled UA"
            [math]::Round(100 * $pooled.WeightedAccuracy, 2) | Should -Be $run.wa -Because "$($run.selection) pooled WA"
            for ($row = 0; $row -lt $run.labels.Count; $row++) {
                $pooled.ConfusionMatrix[$row] | Should -Be $run.confusion_matrix[$row] -Because "row $($run.labels[$row]) of $($run.selection)"
            }
            foreach ($fold in $run.folds) {
                $metrics = Get-Metrics $run.labels $fold.test
                [math]::Round(100 * $metrics.UnweightedAccuracy, 2) | Should -Be ([math]::Round($fold.ua, 2)) -Because "fold $($fold.fold) of $($run.selection)"
            }
        }
    }
}
