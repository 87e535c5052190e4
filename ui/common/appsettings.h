// The workbench's machine-wide settings (QSettings), in one place: what the Settings page edits and
// the pages read when they start a job. Project settings (the intent, the teacher) live in the
// project file instead.
//
//   threads/training, threads/inference   0 (the default): every core
//   export/folder                         where exports go; empty: beside the project
//   teacher/prices                        a price table as JSON (teacher::PriceTable); absent: the
//                                         built-in defaults. A project's own prices still win.
//   teacher/airGapHosts                   hosts air-gap mode allows besides this machine
//
// Who calls it: SettingsPage, TrainController, EvalPage, ExportPage, PlaygroundPage, SynthPanel,
// TeacherDialog. GUI thread (QSettings is thread-safe, but the pages read it before starting a job).
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

#include "teacher/settings.h"

namespace smolify::ui::appsettings {

inline constexpr int kMaxThreads = 256;

int trainingThreads();
void setTrainingThreads(int threads);
int inferenceThreads();
void setInferenceThreads(int threads);

QString exportFolder();
void setExportFolder(const QString &folder);

// The price table the machine's user set; nullopt: the built-in defaults.
std::optional<teacher::PriceTable> teacherPrices();
void setTeacherPrices(const std::optional<teacher::PriceTable> &prices);
QStringList airGapHosts();
void setAirGapHosts(const QStringList &hosts);

// Both, as core's teacher settings take them.
teacher::MachineDefaults teacherDefaults();

}  // namespace smolify::ui::appsettings
