#!/usr/bin/env bash
# Example: a Slurm job array over a year of archives, one shard per array task.
#   sbatch --array=0-15 scripts/batch-slurm.sh /archive/2024 /scratch/gex
#SBATCH --job-name=gex-batch
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
set -euo pipefail
archives=${1:?archive directory}; out=${2:?output root}
n=${SLURM_ARRAY_TASK_COUNT:?run as a job array}; i=${SLURM_ARRAY_TASK_ID:?run as a job array}
exec gex batch "$archives"/*.csv.gz --out "$out" --shard "$i/$n" --workers "${SLURM_CPUS_PER_TASK:-2}" --quiet
