import ArgumentParser
import FPINSISA
import QINSNumbers
import SystolicArray
import Workloads

extension RoundingMode: ExpressibleByArgument {}
extension FPINSEncoder: ExpressibleByArgument {}
extension Dataflow: ExpressibleByArgument {}
extension TimingConvention: ExpressibleByArgument {}
extension TransformerModel: ExpressibleByArgument {}
extension AccumulatorChoice: ExpressibleByArgument {}
extension GemmArrayModel: ExpressibleByArgument {}
