import ArgumentParser
import FPINSISA
import QINSNumbers
import SystolicArray

extension RoundingMode: ExpressibleByArgument {}
extension FPINSEncoder: ExpressibleByArgument {}
extension Dataflow: ExpressibleByArgument {}
extension TimingConvention: ExpressibleByArgument {}
