// Decimation of chart series: a loss curve of 100,000 steps drawn as at most a few thousand points
// that look the same. The x range is cut into equal buckets and each bucket keeps its lowest and
// highest point (in x order), plus the very first and last point, so spikes and the best loss stay
// visible while Qt Charts only ever draws a bounded number of points.
//
// Who calls it: TrainPage, for every series it charts; tests. Pure functions; any thread.
#pragma once

#include <QList>
#include <QPointF>

namespace smolify::ui {

// Returns `points` (sorted by x) unchanged when there are at most `maxPoints`; otherwise at most
// `maxPoints` of them (maxPoints >= 4), keeping the first, the last, and each bucket's minimum and
// maximum y in their original order.
QList<QPointF> decimateMinMax(const QList<QPointF> &points, int maxPoints);

}  // namespace smolify::ui
